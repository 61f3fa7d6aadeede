import * as Y from 'yjs'
import { createUndoManager, ensureDefaultPage, readItem, readItems, type Item } from '../../../src/doc'
import { createEditorStore, type EditorStore } from '../../../src/canvas/state/editorStore'
import type { Tool, ToolContext, ToolPointerEvent } from '../../../src/canvas/tools/types'

/** A real Y.Doc + editor store + undo manager, and a synthetic pointer for driving tools. */
export function setup(init: Parameters<typeof createEditorStore>[0] = {}): ToolContext & { store: EditorStore; items(): Item[]; item(id: string): Item } {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const store = createEditorStore(init)
  const undo = createUndoManager(doc)
  return {
    doc,
    store,
    undo,
    items: () => readItems(doc, store.get().pageId).items,
    item: (id) => {
      const it = readItem(doc, id)
      if (!it) throw new Error(`no item ${id}`)
      return it
    },
  }
}

export function ev(x: number, y: number, over: Partial<ToolPointerEvent> = {}): ToolPointerEvent {
  return {
    scene: { x, y },
    // zoom 1 and camera at the origin in these tests: screen = scene is good enough for thresholds
    screen: { x, y },
    button: 0,
    shiftKey: false,
    modKey: false,
    altKey: false,
    pointerId: 1,
    targetId: null,
    onHandle: false,
    ...over,
  }
}

/** Press at the first point, move through the rest, release at the last. */
export function drag(tool: Tool, ctx: ToolContext, pts: [number, number][], over: Partial<ToolPointerEvent> = {}): void {
  const [first] = pts
  tool.onPointerDown?.(ctx, ev(first![0], first![1], over))
  for (const [x, y] of pts.slice(1)) tool.onPointerMove?.(ctx, ev(x, y, over))
  const last = pts[pts.length - 1]!
  tool.onPointerUp?.(ctx, ev(last[0], last[1], over))
}
