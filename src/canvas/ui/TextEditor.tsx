import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { byMe } from '../state/editorStore'
import * as Y from 'yjs'
import { adoptLostLabel, editText, getItemMap, getItemText, localOrigin, MAX_TEXT_LENGTH, readItem, removeItems, updateItems, type Item } from '../../doc'
import { runAction, type ActionContext } from '../actions'
import { sceneToScreen } from '../camera'
import { armKeyGuard } from '../keyGuard'
import { IS_MAC } from '../keyboard'
import { LINE_HEIGHT, STICKY_LINE_HEIGHT, STICKY_PADDING } from '../export/textWrap'
import { fontFamilyOf, INK } from '../shapes/style'
import { labelEditorStyle } from './labelEditorStyle'
import { useEditor, useItemsVersion } from './hooks'
import { diffText } from './textDiff'
import { mergeComposition, type TextDelta } from './textRebase'
import { discardFreshText, forgetFreshText } from '../tools/freshText'
import { postToast } from './Toast'

const LIMIT = MAX_TEXT_LENGTH.toLocaleString('en-US')
const TEXT_REFUSED_MESSAGE = `Text is limited to ${LIMIT} characters: that change was not saved.`
const PASTE_CUT_MESSAGE = `Text is limited to ${LIMIT} characters: the paste was cut short.`

/** Whether replacing `selected` of `length` characters with `incoming` ones goes past the limit. */
function exceedsTextLimit(length: number, selected: number, incoming: number): boolean {
  return length - selected + incoming > MAX_TEXT_LENGTH
}

/** The inline editor for store.editingId (a text or sticky), or nothing. */
export function TextEditor({ ctx }: { ctx: ActionContext }) {
  const editingId = useEditor((s) => s.editingId)
  const readOnly = useEditor((s) => s.readOnly)
  if (!editingId || readOnly) return null
  return <ItemTextEditor key={editingId} id={editingId} ctx={ctx} />
}

/**
 * A <textarea> laid over the item (scene → screen, scaled by zoom, rotated) and bound to the
 * item's Y.Text. Local input becomes the minimal splice (so concurrent typists both keep their
 * characters); remote changes replace the value and put the caret back where it was, tracked as
 * a Yjs relative position so it moves with text inserted before it. During an IME composition
 * remote changes are held back (replacing the value would break the composition) and merged in
 * at compositionend, see textRebase.
 *
 * The textarea must only ever show text the doc holds: an edit the doc refuses (over
 * MAX_TEXT_LENGTH) is taken back and the user told, else every later diff would carry the refused
 * text and be refused too. maxLength keeps typing and pasting inside the limit in the first place.
 */
function ItemTextEditor({ id, ctx }: { id: string; ctx: ActionContext }) {
  const { doc, store } = ctx
  const ta = useRef<HTMLTextAreaElement | null>(null)
  // set when the user's own undo/redo in here took the item away (closing the editor while focused)
  const undoneByUser = useRef(false)
  // React 19 runs a ref's cleanup before it removes the node, so focus still shows whether the
  // user was typing here when the editor was closed under them (item or page deleted by someone
  // else, board made read-only); closing it themselves (Escape, a click elsewhere) blurs it first.
  const attach = useCallback(
    (el: HTMLTextAreaElement | null) => {
      ta.current = el
      if (!el) return
      return () => {
        ta.current = null
        if (document.activeElement === el && !undoneByUser.current) armKeyGuard(store)
      }
    },
    [store],
  )
  // bumped when the item's label Y.Text is replaced under us (see onTextReplaced): rebinds to the new one
  const [textBinding, setTextBinding] = useState(0)
  const camera = useEditor((s) => s.camera)
  const viewport = useEditor((s) => s.viewportSize)
  const version = useItemsVersion(doc)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const item = useMemo(() => readItem(doc, id), [doc, id, version])

  // the item was deleted (by anyone, or undone): stop editing
  useEffect(() => {
    if (!item && store.get().editingId === id) store.setEditing(null)
  }, [item, id, store])

  useEffect(() => {
    const el = ta.current
    const ytext = getItemText(doc, id)
    if (!el || !ytext) return
    let caret: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null
    // while an IME composes: the text it started from, and the Y.Text's changes since
    let composition: { base: string; remote: TextDelta[] } | null = null
    const saveCaret = () => {
      caret = {
        start: Y.createRelativePositionFromTypeIndex(ytext, el.selectionStart),
        end: Y.createRelativePositionFromTypeIndex(ytext, el.selectionEnd),
      }
    }
    /** Shows the Y.Text's content, the caret kept where the last saved caret now is. */
    const showDoc = () => {
      const start = caret && Y.createAbsolutePositionFromRelativePosition(caret.start, doc)
      const end = caret && Y.createAbsolutePositionFromRelativePosition(caret.end, doc)
      el.value = ytext.toString()
      if (start && end && document.activeElement === el) el.setSelectionRange(start.index, end.index)
      saveCaret()
    }
    const pushLocal = () => {
      const splice = diffText(ytext.toString(), el.value)
      const r = splice && editText(doc, id, splice.index, splice.deleteCount, splice.insert, byMe(ctx.store))
      if (r && !r.ok) {
        // `caret` is still the one from before this input (selectionchange comes later)
        showDoc()
        postToast(store, TEXT_REFUSED_MESSAGE, 'error')
        return
      }
      saveCaret()
      fitHeight(ctx, id, el)
    }
    const pullRemote = () => {
      if (el.value === ytext.toString()) return // our own splice echoing back
      showDoc()
    }
    const onInput = () => {
      if (!composition) pushLocal()
    }
    const onCompositionStart = () => {
      // the textarea and the Y.Text agree here (nothing is pending), so both start from `base`
      pushLocal()
      composition = { base: el.value, remote: [] }
    }
    const onCompositionEnd = () => {
      const c = composition
      if (!c) return
      // Diffing the Y.Text against the textarea now would delete whatever arrived during the
      // composition: take the local edit against the base and move it through those changes.
      const { splices, selection } = mergeComposition(c.base, el.value, c.remote, [el.selectionStart, el.selectionEnd])
      // one transaction, one update (the observer still records rather than pulls meanwhile)
      let refused = false
      if (splices.length > 0)
        doc.transact(() => {
          for (const s of splices) if (!editText(doc, id, s.index, s.deleteCount, s.insert, byMe(ctx.store)).ok) refused = true
        }, localOrigin)
      // a refused splice needs no undoing here: the textarea is reset to the Y.Text just below
      if (refused) postToast(store, TEXT_REFUSED_MESSAGE, 'error')
      composition = null
      el.value = ytext.toString()
      if (document.activeElement === el) el.setSelectionRange(selection[0], selection[1])
      saveCaret()
      fitHeight(ctx, id, el)
    }
    const onSelectionChange = () => {
      if (document.activeElement === el && !composition) saveCaret()
    }
    const observer = (e: Y.YTextEvent) => {
      // IME: replacing the value mid-composition would break it; merge at compositionend. The
      // delta is read now: Yjs computes it lazily against the state of this very transaction.
      if (composition) composition.remote.push(e.delta)
      else pullRemote()
    }

    // the canvas may preventDefault its pointerdown (no focus change), so end editing explicitly
    const onOutside = (e: PointerEvent) => {
      if (e.target !== el) el.blur()
    }

    // Someone else started this shape's first label at the same moment and their Y.Text was kept:
    // what was typed here went into the one that lost. Carry it over, then bind to the kept one.
    const itemMap = getItemMap(doc, id)
    const onTextReplaced = (e: Y.YMapEvent<unknown>) => {
      const next = itemMap?.get('text')
      if (!e.keysChanged.has('text') || !(next instanceof Y.Text) || next === ytext) return
      const typed = el.value
      composition = null
      queueMicrotask(() => {
        adoptLostLabel(doc, id, typed, byMe(ctx.store))
        setTextBinding((n) => n + 1)
      })
    }

    el.value = ytext.toString()
    // The pointerdown that created the item is followed (same task) by a mousedown whose default
    // action would focus the canvas and blur us: cancel that one mousedown's focus change.
    const keepFocus = (e: MouseEvent) => {
      if (e.target !== el) e.preventDefault()
    }
    document.addEventListener('mousedown', keepFocus, true)
    const keepTimer = setTimeout(() => document.removeEventListener('mousedown', keepFocus, true), 0)
    el.focus({ preventScroll: true })
    el.setSelectionRange(el.value.length, el.value.length)
    saveCaret()
    el.addEventListener('input', onInput)
    el.addEventListener('compositionstart', onCompositionStart)
    el.addEventListener('compositionend', onCompositionEnd)
    document.addEventListener('selectionchange', onSelectionChange)
    document.addEventListener('pointerdown', onOutside, true)
    ytext.observe(observer)
    itemMap?.observe(onTextReplaced)
    return () => {
      itemMap?.unobserve(onTextReplaced)
      clearTimeout(keepTimer)
      document.removeEventListener('mousedown', keepFocus, true)
      ytext.unobserve(observer)
      el.removeEventListener('input', onInput)
      el.removeEventListener('compositionstart', onCompositionStart)
      el.removeEventListener('compositionend', onCompositionEnd)
      document.removeEventListener('selectionchange', onSelectionChange)
      document.removeEventListener('pointerdown', onOutside, true)
    }
  }, [doc, id, ctx, store, textBinding])

  if (!item) return null

  const finish = () => {
    if (store.get().editingId === id) store.setEditing(null)
    const now = readItem(doc, id)
    // an empty text box is not worth keeping (tldraw does the same); an empty sticky is a sticky
    if (now && now.type === 'text' && (now.text ?? '').trim() === '') {
      // just made with the text tool: undo its making, so undo does not bring back an empty box
      if (!discardFreshText(ctx.undo, id, (i) => readItem(doc, i) !== null)) removeItems(doc, [id])
      store.setSelection(store.get().selection.filter((s) => s !== id))
    } else forgetFreshText(id)
  }

  // Undoing the note's creation closes the editor while it has the focus, but that is the user's
  // doing: the next Ctrl+Z (undoing on down the stack) must still reach the canvas.
  const undoOrRedo = (action: 'undo' | 'redo') => {
    runAction(action, ctx)
    if (!readItem(doc, id)) undoneByUser.current = true
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    const mod = IS_MAC ? e.metaKey : e.ctrlKey
    if (e.key === 'Escape') {
      e.preventDefault()
      e.currentTarget.blur()
    } else if (mod && e.key.toLowerCase() === 'z') {
      // the browser's own textarea undo would fight the shared undo stack
      e.preventDefault()
      undoOrRedo(e.shiftKey ? 'redo' : 'undo')
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault()
      undoOrRedo('redo')
    }
  }

  // maxLength silently cuts a paste that does not fit: say so
  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget
    // (a textarea stores line breaks as \n alone)
    const incoming = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n').length
    if (exceedsTextLimit(el.value.length, el.selectionEnd - el.selectionStart, incoming)) postToast(store, PASTE_CUT_MESSAGE, 'error')
  }

  const onBlur = (e: React.FocusEvent<HTMLTextAreaElement>) => {
    // Belt and braces for the focus race above: a blur towards the canvas takes the focus back
    // (a real click outside ends editing through onOutside instead).
    const to = e.relatedTarget
    if (to instanceof HTMLElement && to.closest('[data-testid="canvas"]')) {
      const el = e.currentTarget
      setTimeout(() => el.isConnected && el.focus({ preventScroll: true }), 0)
      return
    }
    finish()
  }

  return (
    <textarea
      ref={attach}
      className="tsr-text-editor"
      data-testid="text-editor"
      spellCheck={false}
      maxLength={MAX_TEXT_LENGTH}
      style={editorStyle(item, camera, viewport)}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onBlur={onBlur}
    />
  )
}

function editorStyle(item: Item, camera: { x: number; y: number; zoom: number }, viewport: { width: number; height: number }): React.CSSProperties {
  if (item.type === 'rect' || item.type === 'ellipse' || item.type === 'frame') return labelEditorStyle(item, camera, viewport)
  const z = camera.zoom
  const p = sceneToScreen({ x: item.x, y: item.y }, camera, viewport)
  const sticky = item.type === 'sticky'
  const fontSize = (item.fontSize ?? 24) * z
  return {
    left: p.x,
    top: p.y,
    width: item.width * z,
    height: sticky ? item.height * z : Math.max(item.height * z, fontSize * LINE_HEIGHT),
    transform: item.rotation ? `rotate(${item.rotation}deg)` : undefined,
    fontSize,
    lineHeight: sticky ? STICKY_LINE_HEIGHT : LINE_HEIGHT,
    fontFamily: fontFamilyOf(item.font),
    textAlign: item.align ?? 'left',
    padding: sticky ? STICKY_PADDING * z : 0,
    color: sticky ? INK : item.fill,
    background: sticky ? item.fill : 'transparent',
    borderRadius: sticky ? 6 * z : 0,
    opacity: item.opacity,
  }
}

/** A text item grows downwards with its content (a sticky keeps its square). */
function fitHeight(ctx: ActionContext, id: string, el: HTMLTextAreaElement): void {
  const it = readItem(ctx.doc, id)
  if (!it || it.type !== 'text') return
  const z = ctx.store.get().camera.zoom
  const prev = el.style.height
  el.style.height = '0px'
  const h = Math.ceil(el.scrollHeight / z)
  el.style.height = prev
  const min = Math.round((it.fontSize ?? 24) * LINE_HEIGHT)
  const height = Math.max(min, h)
  if (Math.abs(height - it.height) >= 1) updateItems(ctx.doc, [{ id, patch: { height } }], byMe(ctx.store))
}
