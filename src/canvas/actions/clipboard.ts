import { copyItems, parseClipboard, pasteItems, removeItems, type ClipboardJSON } from '../../doc'
import { byMe } from '../state/editorStore'
import { hasSelection, type Action, type ActionContext } from './types'
import { nextPastePlace, type PastePlace } from './pasteOffset'

/**
 * Copy/cut/paste as JSON text (format 'tessera-clipboard'), so items travel between boards and tabs.
 * The keyboard path uses the document's clipboard events (no permission prompt); the menu path uses
 * navigator.clipboard when allowed. An in-memory copy is the fallback for both when the system
 * clipboard cannot be read (see clipboardToPaste).
 */
let memory: ClipboardJSON | null = null
let lastPaste: PastePlace | null = null

export function clipboardJsonOfSelection(ctx: ActionContext): string | null {
  const sel = ctx.store.get().selection
  if (sel.length === 0) return null
  const clip = copyItems(ctx.doc, [...sel])
  if (clip.items.length === 0) return null
  memory = clip
  return JSON.stringify(clip)
}

/**
 * What a paste of `text` inserts: the clipboard's own Tessera items, or the in-memory copy when
 * the system clipboard gave no text at all (reading it was refused, or it holds no text). Other
 * text (words from another app, broken JSON) was copied after our last copy, so it is the newer
 * clipboard content: pasting our older shapes instead would be a surprise, so it pastes nothing.
 */
export function clipboardToPaste(text: string | null, inMemory: ClipboardJSON | null): ClipboardJSON | null {
  if (!text) return inMemory
  const parsed = parseClipboard(text)
  return parsed.ok ? parsed.value : null
}

/**
 * Pastes clipboard text at the pointer or the viewport centre; `null` or '' means the clipboard
 * gave no text (see clipboardToPaste). Returns whether something was pasted.
 */
export function pasteText(ctx: ActionContext, text: string | null): boolean {
  const clip = clipboardToPaste(text, memory)
  if (!clip || ctx.store.get().readOnly) return false
  const { pointer, camera, pageId } = ctx.store.get()
  const next = nextPastePlace(lastPaste, JSON.stringify(clip), pointer ?? { x: camera.x, y: camera.y }, pageId, 16 / camera.zoom)
  const r = pasteItems(ctx.doc, clip, { pageId, at: next.at }, byMe(ctx.store))
  if (!r.ok) return false
  lastPaste = next.place
  ctx.store.setSelection(r.value)
  return true
}

function writeSystemClipboard(text: string): void {
  // Best effort: may be refused without a user gesture or permission; memory still holds the copy.
  navigator.clipboard?.writeText(text).catch(() => undefined)
}

export const copyAction: Action = {
  id: 'copy',
  label: 'Copy',
  writes: false,
  enabled: hasSelection,
  run: (ctx) => {
    const text = clipboardJsonOfSelection(ctx)
    if (text) writeSystemClipboard(text)
  },
}

export const cutAction: Action = {
  id: 'cut',
  label: 'Cut',
  writes: true,
  enabled: hasSelection,
  run: (ctx) => {
    const text = clipboardJsonOfSelection(ctx)
    if (!text) return
    writeSystemClipboard(text)
    cutSelection(ctx)
  },
}

export function cutSelection(ctx: ActionContext): void {
  removeItems(ctx.doc, [...ctx.store.get().selection])
  ctx.store.setSelection([])
}

export const pasteAction: Action = {
  id: 'paste',
  label: 'Paste',
  writes: true,
  run: (ctx) => {
    const read = typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard.readText() : Promise.resolve('')
    read.then(
      (t) => pasteText(ctx, t),
      () => pasteText(ctx, null),
    )
  },
}
