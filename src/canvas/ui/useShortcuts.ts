import { useEffect } from 'react'
import { runAction, type ActionContext } from '../actions'
import { clipboardJsonOfSelection, cutSelection, pasteText } from '../actions/clipboard'
import { isActiveBoard } from '../board/activeBoard'
import { endKeyGuard, keyGuardHolds, swallowGuardedKey } from '../keyGuard'
import { IS_MAC, matchShortcut, type KeyLike } from '../keyboard'
import { getTool } from '../tools'

/** Keys typed into a field belong to the field, never to the canvas. */
export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
}

/**
 * Global keyboard shortcuts (CONTRACT §5) and clipboard events. The active tool sees a key first
 * and may claim it; then the shortcut table runs the matching action. Copy/cut/paste use the
 * document's clipboard events, whose clipboardData works without clipboard permissions.
 * Right after the inline editor was closed under the user, keys meant for the text are ignored
 * (see keyGuard).
 */
export function useShortcuts(ctx: ActionContext): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || !isActiveBoard(ctx.store)) return
      if (swallowGuardedKey(ctx.store)) return
      // while the inline editor opens, stray keys must not switch tools
      if (ctx.store.get().editingId && e.key !== 'Escape') return
      const k: KeyLike = { key: e.key, code: e.code, shiftKey: e.shiftKey, modKey: IS_MAC ? e.metaKey : e.ctrlKey, altKey: e.altKey }
      if (k.key === 'y' && e.ctrlKey) k.modKey = true // Ctrl+Y redo on macOS too
      if (e.key === 'Escape' && ctx.ui?.closeOverlays()) {
        e.preventDefault()
        return
      }
      const tool = getTool(ctx.store.get().tool)
      let claimed = false
      tool?.onKeyDown?.(ctx, { ...k, preventDefault: () => (claimed = true) })
      if (claimed) {
        e.preventDefault()
        return
      }
      const s = matchShortcut(k)
      if (!s || s.viaClipboardEvent) return
      e.preventDefault()
      ctx.store.notifyUserInteraction()
      if (s.action === 'escape') tool?.onCancel?.(ctx)
      runAction(s.action, ctx)
    }

    const onCopy = (e: ClipboardEvent) => {
      if (isTypingTarget(e.target) || hasTextSelection() || !isActiveBoard(ctx.store)) return
      const text = clipboardJsonOfSelection(ctx)
      if (!text) return
      e.clipboardData?.setData('text/plain', text)
      e.preventDefault()
    }
    const onCut = (e: ClipboardEvent) => {
      if (isTypingTarget(e.target) || hasTextSelection() || !isActiveBoard(ctx.store) || ctx.store.get().readOnly || keyGuardHolds(ctx.store)) return
      const text = clipboardJsonOfSelection(ctx)
      if (!text) return
      e.clipboardData?.setData('text/plain', text)
      e.preventDefault()
      cutSelection(ctx)
    }
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || !isActiveBoard(ctx.store) || ctx.store.get().readOnly || keyGuardHolds(ctx.store)) return
      if (pasteText(ctx, e.clipboardData?.getData('text/plain') ?? null)) e.preventDefault()
    }

    // a pointer press is a deliberate new action: the keys after it are the user's commands again
    const onPointerDown = () => endKeyGuard(ctx.store)

    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('pointerdown', onPointerDown, true)
    document.addEventListener('copy', onCopy)
    document.addEventListener('cut', onCut)
    document.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('pointerdown', onPointerDown, true)
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('cut', onCut)
      document.removeEventListener('paste', onPaste)
    }
  }, [ctx])
}

/** A user copying selected HTML text (e.g. a page name) gets the browser's normal copy. */
function hasTextSelection(): boolean {
  const s = document.getSelection()
  return !!s && !s.isCollapsed && s.toString().length > 0
}
