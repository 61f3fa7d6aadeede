import type { ItemStyle } from '../../doc'
import type { EditorStore } from '../state/editorStore'

/**
 * The style that new shapes get (the style panel edits it when nothing is selected, and also
 * when it restyles a selection, like tldraw's "next shape" style). Kept per editor store, outside
 * the shared doc: it is one user's preference, not scene data.
 */
export interface ToolStyle {
  stroke: string
  /** fill of rect/ellipse; 'transparent' = none */
  fill: string
  strokeWidth: number
  opacity: number
  fontSize: number
  stickyFill: string
  /** look of new rects, ellipses, lines and arrows: 'sketch' draws them by hand */
  look: ItemStyle
}

export const DEFAULT_TOOL_STYLE: ToolStyle = {
  stroke: '#1e1e1e',
  fill: 'transparent',
  strokeWidth: 2,
  opacity: 1,
  fontSize: 24,
  stickyFill: '#fff59d',
  look: 'clean',
}

interface Slot {
  style: ToolStyle
  listeners: Set<() => void>
}
const slots = new WeakMap<EditorStore, Slot>()

function slot(store: EditorStore): Slot {
  let s = slots.get(store)
  if (!s) {
    s = { style: DEFAULT_TOOL_STYLE, listeners: new Set() }
    slots.set(store, s)
  }
  return s
}

export function getToolStyle(store: EditorStore): ToolStyle {
  return slot(store).style
}

export function setToolStyle(store: EditorStore, patch: Partial<ToolStyle>): void {
  const s = slot(store)
  s.style = { ...s.style, ...patch }
  for (const l of [...s.listeners]) l()
}

export function subscribeToolStyle(store: EditorStore, listener: () => void): () => void {
  const s = slot(store)
  s.listeners.add(listener)
  return () => {
    s.listeners.delete(listener)
  }
}

/** The `style` field a new shape gets from the tool style: set only for the sketch look. */
export function lookOf(s: Pick<ToolStyle, 'look'>): { style?: ItemStyle } {
  return s.look === 'sketch' ? { style: 'sketch' } : {}
}
