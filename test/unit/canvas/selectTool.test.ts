import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, createUndoManager, ensureDefaultPage, getItemText, readItem } from '../../../src/doc'
import { createEditorStore } from '../../../src/canvas/state/editorStore'
import { createSelectTool } from '../../../src/canvas/tools/select'
import type { ToolContext, ToolPointerEvent } from '../../../src/canvas/tools/types'
import { sceneToScreen } from '../../../src/canvas/camera'

function setup() {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const r = addItems(doc, [
    { type: 'rect', pageId: 'page-1', x: 0, y: 0, width: 100, height: 100 },
    { type: 'rect', pageId: 'page-1', x: 300, y: 0, width: 100, height: 100 },
    { type: 'sticky', pageId: 'page-1', x: 0, y: 300, width: 200, height: 200 },
  ])
  if (!r.ok) throw new Error(r.message)
  const [a, b, s] = r.value as [string, string, string]
  const store = createEditorStore({ viewportSize: { width: 1000, height: 800 }, camera: { x: 200, y: 200, zoom: 1 } })
  const undo = createUndoManager(doc)
  const ctx: ToolContext = { doc, store, undo }
  const tool = createSelectTool()
  const ev = (x: number, y: number, over: Partial<ToolPointerEvent> = {}): ToolPointerEvent => ({
    scene: { x, y },
    screen: sceneToScreen({ x, y }, store.get().camera, store.get().viewportSize),
    button: 0,
    shiftKey: false,
    modKey: false,
    altKey: false,
    pointerId: 1,
    targetId: null,
    onHandle: false,
    ...over,
  })
  return { doc, store, undo, ctx, tool, ev, a, b, s }
}

describe('select tool', () => {
  it('click selects, click on empty canvas deselects', () => {
    const { tool, ctx, ev, a, store } = setup()
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    expect(tool.state().name).toBe('pointingItem')
    tool.onPointerUp!(ctx, ev(50, 50, { targetId: a }))
    expect(tool.state().name).toBe('idle')
    expect(store.get().selection).toEqual([a])
    tool.onPointerDown!(ctx, ev(700, 700))
    expect(tool.state().name).toBe('pointingCanvas')
    tool.onPointerUp!(ctx, ev(700, 700))
    expect(store.get().selection).toEqual([])
  })

  it('shift-click toggles items in and out of the selection', () => {
    const { tool, ctx, ev, a, b, store } = setup()
    const click = (id: string, shiftKey: boolean) => {
      tool.onPointerDown!(ctx, ev(1, 1, { targetId: id, shiftKey }))
      tool.onPointerUp!(ctx, ev(1, 1, { targetId: id, shiftKey }))
    }
    click(a, false)
    click(b, true)
    expect(store.get().selection).toEqual([a, b])
    click(a, true)
    expect(store.get().selection).toEqual([b])
  })

  it('clicking one item of a multi-selection without shift selects just it', () => {
    const { tool, ctx, ev, a, b, store } = setup()
    store.setSelection([a, b])
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerUp!(ctx, ev(50, 50, { targetId: a }))
    expect(store.get().selection).toEqual([a])
  })

  it('dragging an item moves it in the doc as one undo step', () => {
    const { tool, ctx, ev, a, doc, undo } = setup()
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(51, 50)) // below the drag threshold
    expect(tool.state().name).toBe('pointingItem')
    tool.onPointerMove!(ctx, ev(70, 60, { modKey: true }))
    expect(tool.state().name).toBe('translating')
    tool.onPointerMove!(ctx, ev(90, 75, { modKey: true }))
    tool.onPointerMove!(ctx, ev(110, 77, { modKey: true }))
    tool.onPointerUp!(ctx, ev(110, 77, { modKey: true }))
    expect(tool.state().name).toBe('idle')
    expect(readItem(doc, a)).toMatchObject({ x: 60, y: 27 })
    undo.undo()
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 0 })
    expect(undo.undoStack.length).toBe(0)
  })

  it('drags the whole selection together', () => {
    const { tool, ctx, ev, a, b, doc, store } = setup()
    store.setSelection([a, b])
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(50, 250, { modKey: true }))
    tool.onPointerUp!(ctx, ev(50, 250, { modKey: true }))
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 200 })
    expect(readItem(doc, b)).toMatchObject({ x: 300, y: 200 })
  })

  it('a collaborator deleting one dragged item mid-drag does not stop the others from moving', () => {
    const { tool, ctx, ev, a, b, s, doc, store, undo } = setup()
    // B is a second replica; its deletion reaches this doc as a remote update
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    store.setSelection([a, b, s])
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(50, 100, { modKey: true }))
    expect(readItem(doc, s)).toMatchObject({ x: 0, y: 350 })
    remote.getMap('items').delete(b)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'remote')
    tool.onPointerMove!(ctx, ev(50, 150, { modKey: true }))
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 100 })
    // an item that stops validating (a bad remote write) does not stop the drag either
    const bad = doc.getMap('items').get(s) as Y.Map<unknown>
    doc.transact(() => bad.set('width', -1), 'remote')
    tool.onPointerMove!(ctx, ev(80, 250, { modKey: true }))
    tool.onPointerUp!(ctx, ev(80, 250, { modKey: true }))
    expect(readItem(doc, b)).toBeNull()
    expect(readItem(doc, a)).toMatchObject({ x: 30, y: 200 })
    expect(bad.get('y')).toBe(500) // its x, y are still numbers: it moves along (readers skip it)
    undo.undo()
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 0 })
  })

  it('snaps to other items while dragging and shows guides; Ctrl/Cmd disables snapping', () => {
    const { tool, ctx, ev, a, doc, store } = setup()
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(247, 53)) // a would be at x 197 → right edge 297 snaps to b's left edge 300
    expect(store.get().guides.length).toBeGreaterThan(0)
    tool.onPointerUp!(ctx, ev(247, 53))
    expect(readItem(doc, a)).toMatchObject({ x: 200, y: 0 })
    expect(store.get().guides).toEqual([])

    tool.onPointerDown!(ctx, ev(250, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(245, 52, { modKey: true }))
    tool.onPointerUp!(ctx, ev(245, 52, { modKey: true }))
    expect(readItem(doc, a)).toMatchObject({ x: 195, y: 2 })
  })

  it('marquee selects intersecting items and clears the brush', () => {
    const { tool, ctx, ev, a, b, s, store } = setup()
    tool.onPointerDown!(ctx, ev(-50, -50))
    tool.onPointerMove!(ctx, ev(350, 50))
    expect(tool.state().name).toBe('brushing')
    expect(store.get().brush).toEqual({ x: -50, y: -50, width: 400, height: 100 })
    expect([...store.get().selection].sort()).toEqual([a, b].sort())
    tool.onPointerMove!(ctx, ev(50, 400))
    expect([...store.get().selection].sort()).toEqual([a, s].sort())
    tool.onPointerUp!(ctx, ev(50, 400))
    expect(store.get().brush).toBeNull()
    expect(tool.state().name).toBe('idle')
  })

  it('shift-marquee adds to the existing selection', () => {
    const { tool, ctx, ev, a, s, store } = setup()
    store.setSelection([s])
    tool.onPointerDown!(ctx, ev(-50, -50, { shiftKey: true }))
    tool.onPointerMove!(ctx, ev(50, 50, { shiftKey: true }))
    tool.onPointerUp!(ctx, ev(50, 50, { shiftKey: true }))
    expect([...store.get().selection].sort()).toEqual([a, s].sort())
  })

  it('Escape during a drag puts the items back; Escape when idle deselects', () => {
    const { tool, ctx, ev, a, doc, store } = setup()
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(150, 150, { modKey: true }))
    expect(readItem(doc, a)).toMatchObject({ x: 100, y: 100 })
    let prevented = 0
    const key = { key: 'Escape', code: 'Escape', shiftKey: false, modKey: false, altKey: false, preventDefault: () => prevented++ }
    tool.onKeyDown!(ctx, key)
    expect(tool.state().name).toBe('idle')
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 0 })
    expect(store.get().selection).toEqual([a])
    tool.onKeyDown!(ctx, key)
    expect(store.get().selection).toEqual([])
    expect(prevented).toBe(2)
  })

  it('read-only: selection works, moving does not', () => {
    const { tool, ctx, ev, a, doc, store } = setup()
    store.setReadOnly(true)
    tool.onPointerDown!(ctx, ev(50, 50, { targetId: a }))
    tool.onPointerMove!(ctx, ev(150, 150))
    tool.onPointerUp!(ctx, ev(150, 150))
    expect(store.get().selection).toEqual([a])
    expect(readItem(doc, a)).toMatchObject({ x: 0, y: 0 })
  })

  it('double-click on a sticky starts inline editing; on a rect it edits the rect label', () => {
    const { tool, ctx, ev, a, s, store, doc } = setup()
    tool.onDoubleClick!(ctx, ev(5, 5, { targetId: a }))
    expect(store.get().editingId).toBe(a)
    expect(getItemText(doc, a)).not.toBeNull()
    store.setEditing(null)
    tool.onDoubleClick!(ctx, ev(50, 350, { targetId: s }))
    expect(store.get().editingId).toBe(s)
    expect(store.get().selection).toEqual([s])
  })

  it('ignores presses on transformer handles and non-primary buttons', () => {
    const { tool, ctx, ev, a } = setup()
    tool.onPointerDown!(ctx, ev(5, 5, { targetId: a, onHandle: true }))
    expect(tool.state().name).toBe('idle')
    tool.onPointerDown!(ctx, ev(5, 5, { targetId: a, button: 2 }))
    expect(tool.state().name).toBe('idle')
  })
})
