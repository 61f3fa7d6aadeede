import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, readItem, updateItems } from '../../../src/doc'
import { ACTIONS, runAction } from '../../../src/canvas/actions'
import { clipboardJsonOfSelection, pasteText } from '../../../src/canvas/actions/clipboard'
import { rectTool } from '../../../src/canvas/tools/rect'
import { drag, ev, setup } from './harness'

function withRects(n: number) {
  const ctx = setup()
  const r = addItems(ctx.doc, Array.from({ length: n }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: i * 200, y: 0 })))
  if (!r.ok) throw new Error(r.message)
  ctx.undo.clear()
  return { ctx, ids: r.value }
}

describe('actions', () => {
  it('tool.<id> switches tools; drawing tools are refused on read-only boards', () => {
    const ctx = setup()
    runAction('tool.rect', ctx)
    expect(ctx.store.get().tool).toBe('rect')
    ctx.store.setReadOnly(true)
    expect(runAction('tool.pen', ctx)).toBe(false)
    expect(runAction('tool.hand', ctx)).toBe(true)
    expect(ctx.store.get().tool).toBe('hand')
  })

  it('selectAll selects the items of the current page only', () => {
    const { ctx, ids } = withRects(3)
    addItems(ctx.doc, [{ type: 'rect', pageId: 'other' }])
    runAction('selectAll', ctx)
    expect([...ctx.store.get().selection].sort()).toEqual([...ids].sort())
  })

  it('delete removes the selection in one undo step', () => {
    const { ctx, ids } = withRects(3)
    ctx.store.setSelection(ids.slice(0, 2))
    runAction('delete', ctx)
    expect(ctx.items()).toHaveLength(1)
    expect(ctx.store.get().selection).toEqual([])
    runAction('undo', ctx)
    expect(ctx.items()).toHaveLength(3)
  })

  it('duplicate selects the copies', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    runAction('duplicate', ctx)
    const sel = ctx.store.get().selection
    expect(sel).toHaveLength(1)
    expect(sel[0]).not.toBe(ids[0])
    expect(ctx.items()).toHaveLength(2)
  })

  it('nudges by 1 and by 10 with Shift', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    runAction('nudge.right', ctx)
    runAction('nudge.down.big', ctx)
    expect(readItem(ctx.doc, ids[0]!)).toMatchObject({ x: 1, y: 10 })
  })

  it('reorders: to front, then back', () => {
    const { ctx, ids } = withRects(3)
    ctx.store.setSelection([ids[0]!])
    runAction('bringToFront', ctx)
    expect(ctx.items().map((i) => i.id)).toEqual([ids[1], ids[2], ids[0]])
    runAction('sendToBack', ctx)
    expect(ctx.items().map((i) => i.id)).toEqual(ids)
    runAction('bringForward', ctx)
    expect(ctx.items().map((i) => i.id)).toEqual([ids[1], ids[0], ids[2]])
    runAction('sendBackward', ctx)
    expect(ctx.items().map((i) => i.id)).toEqual(ids)
  })

  it('escape deselects first, then returns to the select tool', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setTool('rect')
    ctx.store.setSelection(ids)
    runAction('escape', ctx)
    expect(ctx.store.get()).toMatchObject({ selection: [], tool: 'rect' })
    runAction('escape', ctx)
    expect(ctx.store.get().tool).toBe('select')
  })

  it('zoom in/out step through stops; reset goes to 100%; fit frames the page', () => {
    const { ctx } = withRects(2)
    runAction('zoomIn', ctx)
    expect(ctx.store.get().camera.zoom).toBe(2)
    runAction('zoomOut', ctx)
    runAction('zoomOut', ctx)
    expect(ctx.store.get().camera.zoom).toBe(0.5)
    runAction('zoomReset', ctx)
    expect(ctx.store.get().camera.zoom).toBe(1)
    runAction('zoomToFit', ctx)
    const cam = ctx.store.get().camera
    expect(cam.x).toBeCloseTo(150, 0) // items span x 0..300
    expect(cam.y).toBeCloseTo(50, 0)
  })

  it('copy then paste at the pointer adds copies centred there, selected', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    const text = clipboardJsonOfSelection(ctx)!
    expect(JSON.parse(text).format).toBe('tessera-clipboard')
    ctx.store.setPointer({ x: 1000, y: 1000 })
    expect(pasteText(ctx, text)).toBe(true)
    const pasted = readItem(ctx.doc, ctx.store.get().selection[0]!)!
    expect(pasted.x + pasted.width / 2).toBeCloseTo(1000, 0)
    expect(pasted.y + pasted.height / 2).toBeCloseTo(1000, 0)
  })

  it('paste falls back to the last in-app copy only when the clipboard gave no text', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    clipboardJsonOfSelection(ctx)
    expect(pasteText(ctx, null)).toBe(true) // reading the clipboard was refused
    expect(pasteText(ctx, '')).toBe(true) // the clipboard holds no text
    expect(ctx.items()).toHaveLength(3)
  })

  it('paste of invalid Tessera JSON pastes nothing, not an older copy', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    clipboardJsonOfSelection(ctx)
    const foreign = [
      JSON.stringify({ format: 'tessera-clipboard', version: 1, items: [{ id: 'x', type: 'rect', x: 1 }] }),
      JSON.stringify({ format: 'tessera-clipboard', version: 99, items: [] }),
    ]
    for (const text of foreign) expect(pasteText(ctx, text)).toBe(false)
    expect(ctx.items()).toHaveLength(1)
    expect(ctx.store.get().selection).toEqual(ids)
  })

  it('paste of plain text (words from another app) creates a text item holding it, not an older copy', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    clipboardJsonOfSelection(ctx)
    for (const text of ['just some words', 'hello world {not json']) {
      expect(pasteText(ctx, text)).toBe(true)
      const made = ctx.items().find((i) => i.id === ctx.store.get().selection[0])!
      expect(made).toMatchObject({ type: 'text', text })
    }
    expect(ctx.items()).toHaveLength(3)
    expect(pasteText(ctx, '   \n ')).toBe(false)
  })

  it('paste between two boards', () => {
    const a = withRects(1)
    a.ctx.store.setSelection(a.ids)
    const text = clipboardJsonOfSelection(a.ctx)!
    const b = setup()
    expect(pasteText(b, text)).toBe(true)
    expect(b.items()).toHaveLength(1)
    expect(b.items()[0]!.id).not.toBe(a.ids[0])
  })

  it('undo reverts only my own changes, never a collaborator’s', () => {
    const me = setup()
    const peer = new Y.Doc()
    me.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(peer, u, 'remote'))
    peer.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(me.doc, u, 'remote'))
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(me.doc), 'remote')
    drag(rectTool, me, [[0, 0], [50, 50]])
    const mine = me.items()[0]!.id
    const r = addItems(peer, [{ type: 'ellipse', pageId: 'page-1' }])
    if (!r.ok) throw new Error(r.message)
    updateItems(peer, [{ id: mine, patch: { fill: '#ffc9c9' } }])
    runAction('undo', me)
    // my rect now shows the peer's colour: undoing its creation must not delete their work
    expect(me.items().map((i) => [i.type, i.fill])).toEqual([['rect', '#ffc9c9'], ['ellipse', expect.any(String)]])
    expect(me.undo.canUndo()).toBe(false)
    // a rect nobody else touched is still taken away by undo
    drag(rectTool, me, [[100, 100], [150, 150]])
    runAction('undo', me)
    expect(me.items()).toHaveLength(2)
  })

  it('undo and redo wait while a drag is under way (a gesture is open), and work once it ends', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[0, 0], [50, 50]])
    rectTool.onPointerDown!(ctx, ev(100, 100))
    rectTool.onPointerMove!(ctx, ev(150, 150))
    expect(runAction('undo', ctx)).toBe(false)
    expect(ctx.items()).toHaveLength(2)
    rectTool.onPointerUp!(ctx, ev(150, 150))
    expect(runAction('undo', ctx)).toBe(true)
    expect(ctx.items()).toHaveLength(1)
    expect(runAction('redo', ctx)).toBe(true)
    expect(ctx.items()).toHaveLength(2)
  })

  it('read-only boards refuse every writing action', () => {
    const { ctx, ids } = withRects(1)
    ctx.store.setSelection(ids)
    ctx.store.setReadOnly(true)
    for (const a of ACTIONS.values()) if (a.writes) expect(runAction(a.id, ctx), a.id).toBe(false)
    expect(ctx.items()).toHaveLength(1)
  })
})
