import { addItems, CLIPBOARD_FORMAT, copyItems, idsWithContents, MAX_TEXT_LENGTH, parseClipboard, pasteItems, removeItems, type ClipboardJSON } from '../../doc'
import { byMe } from '../state/editorStore'
import { getToolStyle } from '../tools/toolStyle'
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
  const clip = copyItems(ctx.doc, idsWithContents(ctx.doc, sel))
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
  if (ctx.store.get().readOnly) return false
  const clip = clipboardToPaste(text, memory)
  const { pointer, camera, pageId } = ctx.store.get()
  // words from another app become a text item there (CONTRACT §5, as in tldraw and Excalidraw)
  if (!clip) return text && !looksLikeOurs(text) ? pastePlainText(ctx, text, pointer ?? { x: camera.x, y: camera.y }) : false
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
  removeItems(ctx.doc, idsWithContents(ctx.doc, ctx.store.get().selection))
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

/** A Tessera clipboard that failed to parse pastes nothing, rather than its JSON as text. */
function looksLikeOurs(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false
  try {
    const v = JSON.parse(text) as unknown
    return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === CLIPBOARD_FORMAT
  } catch {
    return false
  }
}

/** Average glyph advance as a share of the font size, to size a pasted text's box. */
const GLYPH = 0.55
const PASTED_MAX_WIDTH = 640

/** A text item holding `text`, centred at `at`, selected. Returns whether one was made. */
export function pastePlainText(ctx: ActionContext, text: string, at: { x: number; y: number }): boolean {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').slice(0, MAX_TEXT_LENGTH)
  if (clean.trim() === '') return false
  const { fontSize, stroke, opacity } = getToolStyle(ctx.store)
  const lines = clean.split('\n')
  const longest = Math.max(...lines.map((l) => l.length))
  const width = Math.min(PASTED_MAX_WIDTH, Math.max(80, Math.ceil(longest * fontSize * GLYPH) + 8))
  const wrapped = lines.reduce((n, l) => n + Math.max(1, Math.ceil((l.length * fontSize * GLYPH) / width)), 0)
  const height = Math.round(wrapped * fontSize * 1.25)
  const r = addItems(ctx.doc, [
    {
      type: 'text',
      pageId: ctx.store.get().pageId,
      x: at.x - width / 2,
      y: at.y - height / 2,
      width,
      height,
      text: clean,
      fontSize,
      fill: stroke === 'transparent' ? '#1e1e1e' : stroke,
      opacity,
    },
  ], byMe(ctx.store))
  if (!r.ok) return false
  ctx.store.setSelection(r.value)
  return true
}
