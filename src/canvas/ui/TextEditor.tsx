import { useEffect, useMemo, useRef } from 'react'
import * as Y from 'yjs'
import { editText, getItemText, localOrigin, readItem, removeItems, updateItems, type Item } from '../../doc'
import { runAction, type ActionContext } from '../actions'
import { sceneToScreen } from '../camera'
import { IS_MAC } from '../keyboard'
import { LINE_HEIGHT, STICKY_LINE_HEIGHT, STICKY_PADDING } from '../export/svg'
import { FONT_FAMILY, INK } from '../shapes/style'
import { useEditor, useItemsVersion } from './hooks'
import { diffText } from './textDiff'
import { mergeComposition, type TextDelta } from './textRebase'

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
 */
function ItemTextEditor({ id, ctx }: { id: string; ctx: ActionContext }) {
  const { doc, store } = ctx
  const ta = useRef<HTMLTextAreaElement>(null)
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
    const pushLocal = () => {
      const splice = diffText(ytext.toString(), el.value)
      if (splice) editText(doc, id, splice.index, splice.deleteCount, splice.insert)
      saveCaret()
      fitHeight(ctx, id, el)
    }
    const pullRemote = () => {
      const next = ytext.toString()
      if (el.value === next) return // our own splice echoing back
      const start = caret && Y.createAbsolutePositionFromRelativePosition(caret.start, doc)
      const end = caret && Y.createAbsolutePositionFromRelativePosition(caret.end, doc)
      el.value = next
      if (start && end && document.activeElement === el) el.setSelectionRange(start.index, end.index)
      saveCaret()
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
      if (splices.length > 0) doc.transact(() => splices.forEach((s) => editText(doc, id, s.index, s.deleteCount, s.insert)), localOrigin)
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
    return () => {
      clearTimeout(keepTimer)
      document.removeEventListener('mousedown', keepFocus, true)
      ytext.unobserve(observer)
      el.removeEventListener('input', onInput)
      el.removeEventListener('compositionstart', onCompositionStart)
      el.removeEventListener('compositionend', onCompositionEnd)
      document.removeEventListener('selectionchange', onSelectionChange)
      document.removeEventListener('pointerdown', onOutside, true)
    }
  }, [doc, id, ctx])

  if (!item) return null

  const finish = () => {
    if (store.get().editingId === id) store.setEditing(null)
    const now = readItem(doc, id)
    // an empty text box is not worth keeping (tldraw does the same); an empty sticky is a sticky
    if (now && now.type === 'text' && (now.text ?? '').trim() === '') {
      removeItems(doc, [id])
      store.setSelection(store.get().selection.filter((s) => s !== id))
    }
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    const mod = IS_MAC ? e.metaKey : e.ctrlKey
    if (e.key === 'Escape') {
      e.preventDefault()
      e.currentTarget.blur()
    } else if (mod && e.key.toLowerCase() === 'z') {
      // the browser's own textarea undo would fight the shared undo stack
      e.preventDefault()
      runAction(e.shiftKey ? 'redo' : 'undo', ctx)
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault()
      runAction('redo', ctx)
    }
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

  return <textarea ref={ta} className="tsr-text-editor" data-testid="text-editor" spellCheck={false} style={editorStyle(item, camera, viewport)} onKeyDown={onKeyDown} onBlur={onBlur} />
}

function editorStyle(item: Item, camera: { x: number; y: number; zoom: number }, viewport: { width: number; height: number }): React.CSSProperties {
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
    fontFamily: FONT_FAMILY,
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
  if (Math.abs(height - it.height) >= 1) updateItems(ctx.doc, [{ id, patch: { height } }])
}
