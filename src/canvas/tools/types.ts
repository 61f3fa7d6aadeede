import type * as Y from 'yjs'
import type { EditorStore, Point, ToolId } from '../state/editorStore'

/** Everything a tool may touch: the shared doc (only through src/doc ops), the editor store and undo. */
export interface ToolContext {
  doc: Y.Doc
  store: EditorStore
  undo: Y.UndoManager
}

/** A normalised pointer event (mouse, pen and touch alike). */
export interface ToolPointerEvent {
  scene: Point
  screen: Point
  button: number
  shiftKey: boolean
  /** Ctrl on Linux/Windows, Cmd on macOS */
  modKey: boolean
  altKey: boolean
  pointerId: number
  /** id of the item under the pointer (top-most), or null for empty canvas */
  targetId: string | null
  /** true when the pointer is over a selection handle (resize/rotate) — the transformer owns it */
  onHandle: boolean
  /** the end (or bend) handle of a selected line/arrow, or a crop handle, under the pointer, if any */
  handle?: ItemHandle | null
}

/** A handle the overlay draws on a selected line or arrow: its tips and its bend point. */
export interface LinearHandle {
  id: string
  which: 'start' | 'end' | 'mid'
}

/** Which edge or corner of an image's visible part a crop handle trims; 'move' pans the image under it. */
export type CropEdge = 'n' | 's' | 'e' | 'w' | 'nw' | 'ne' | 'sw' | 'se' | 'move'
/** A handle of an image in crop mode (transform/CropHandles.tsx). */
export interface CropHandle {
  id: string
  crop: CropEdge
}
export type ItemHandle = LinearHandle | CropHandle

export function isCropHandle(h: ItemHandle): h is CropHandle {
  return 'crop' in h
}

export interface ToolKeyEvent {
  key: string
  code: string
  shiftKey: boolean
  modKey: boolean
  altKey: boolean
  /** call to stop the global shortcut table from also handling the key */
  preventDefault(): void
}

/**
 * A tool is a small state machine driven by pointer events. Tools create items at pointer-down and
 * update them while dragging (inside one undo gesture), so remote users see shapes grow live.
 */
export interface Tool {
  id: ToolId
  /** CSS cursor over the canvas */
  cursor: string
  /** true: pointer moves during a press carry `targetId` too (a hit test per move, e.g. the eraser) */
  hitOnMove?: boolean
  onEnter?(ctx: ToolContext): void
  onExit?(ctx: ToolContext): void
  onPointerDown?(ctx: ToolContext, e: ToolPointerEvent): void
  onPointerMove?(ctx: ToolContext, e: ToolPointerEvent): void
  onPointerUp?(ctx: ToolContext, e: ToolPointerEvent): void
  onDoubleClick?(ctx: ToolContext, e: ToolPointerEvent): void
  onKeyDown?(ctx: ToolContext, e: ToolKeyEvent): void
  /** Escape or lost pointer capture: abandon the gesture */
  onCancel?(ctx: ToolContext): void
}
