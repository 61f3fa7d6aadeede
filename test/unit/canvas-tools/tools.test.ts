import Konva from 'konva'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { itemNodes } from '../../../src/canvas/items/nodeRegistry'
import { arrowTool } from '../../../src/canvas/tools/arrow'
import { ellipseTool } from '../../../src/canvas/tools/ellipse'
import { lineTool } from '../../../src/canvas/tools/line'
import { penTool } from '../../../src/canvas/tools/pen'
import { rectTool } from '../../../src/canvas/tools/rect'
import { stickyTool } from '../../../src/canvas/tools/sticky'
import { textTool } from '../../../src/canvas/tools/text'
import { setToolStyle } from '../../../src/canvas/tools/toolStyle'
import type { Tool } from '../../../src/canvas/tools/types'
import { drag, ev, setup } from './harness'

describe('rectangle tool', () => {
  it('creates the rect at pointer-down and grows it while dragging', () => {
    const ctx = setup({ tool: 'rect' })
    rectTool.onPointerDown!(ctx, ev(10, 20))
    expect(ctx.items()).toHaveLength(1)
    const id = ctx.items()[0]!.id
    rectTool.onPointerMove!(ctx, ev(60, 50))
    expect(ctx.item(id)).toMatchObject({ type: 'rect', x: 10, y: 20, width: 50, height: 30 })
    rectTool.onPointerMove!(ctx, ev(110, 120))
    rectTool.onPointerUp!(ctx, ev(110, 120))
    expect(ctx.item(id)).toMatchObject({ x: 10, y: 20, width: 100, height: 100 })
  })

  it('selects the new rect and returns to the select tool', () => {
    const ctx = setup({ tool: 'rect' })
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    expect(ctx.store.get().tool).toBe('select')
    expect(ctx.store.get().selection).toEqual([ctx.items()[0]!.id])
  })

  it('handles dragging up and to the left', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[100, 100], [50, 70], [20, 30]])
    expect(ctx.items()[0]).toMatchObject({ x: 20, y: 30, width: 80, height: 70 })
  })

  it('Shift constrains to a square (the longer side wins, direction kept)', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[0, 0], [-30, 80]], { shiftKey: true })
    expect(ctx.items()[0]).toMatchObject({ x: -80, y: 0, width: 80, height: 80 })
  })

  it('a click without a drag makes a default 100×100 rect centred on the click', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[200, 200], [201, 201]])
    expect(ctx.items()[0]).toMatchObject({ x: 150, y: 150, width: 100, height: 100 })
  })

  it('one drawing is exactly one undo step', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[0, 0], [10, 10], [20, 20], [30, 30], [40, 40]])
    expect(ctx.undo.undoStack).toHaveLength(1)
    ctx.undo.undo()
    expect(ctx.items()).toHaveLength(0)
    ctx.undo.redo()
    expect(ctx.items()[0]).toMatchObject({ width: 40, height: 40 })
  })

  it('two drawings are two undo steps', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    drag(rectTool, ctx, [[100, 0], [140, 40]])
    ctx.undo.undo()
    expect(ctx.items()).toHaveLength(1)
  })

  it('uses the current tool style for new shapes', () => {
    const ctx = setup()
    setToolStyle(ctx.store, { stroke: '#e03131', fill: '#a5d8ff', strokeWidth: 4, opacity: 0.5 })
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    expect(ctx.items()[0]).toMatchObject({ stroke: '#e03131', fill: '#a5d8ff', strokeWidth: 4, opacity: 0.5 })
  })

  it('does nothing on a read-only board', () => {
    const ctx = setup({ readOnly: true })
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    expect(ctx.items()).toHaveLength(0)
  })

  it('cancel removes the half-drawn shape', () => {
    const ctx = setup()
    rectTool.onPointerDown!(ctx, ev(0, 0))
    rectTool.onPointerMove!(ctx, ev(30, 30))
    rectTool.onCancel!(ctx)
    expect(ctx.items()).toHaveLength(0)
  })

  it('lands on the current page', () => {
    const ctx = setup({ pageId: 'page-1' })
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    expect(ctx.items()[0]!.pageId).toBe('page-1')
  })
})

describe('ellipse tool', () => {
  it('Shift draws a circle', () => {
    const ctx = setup()
    drag(ellipseTool, ctx, [[0, 0], [50, 20]], { shiftKey: true })
    expect(ctx.items()[0]).toMatchObject({ type: 'ellipse', width: 50, height: 50 })
  })
})

describe('line and arrow tools', () => {
  it('stores the bounding box at (x, y) and points relative to it', () => {
    const ctx = setup()
    drag(lineTool, ctx, [[100, 100], [40, 130]])
    expect(ctx.items()[0]).toMatchObject({ type: 'line', x: 40, y: 100, width: 60, height: 30, points: [60, 0, 0, 30] })
  })

  it('Shift snaps to 45°', () => {
    const ctx = setup()
    drag(lineTool, ctx, [[0, 0], [100, 90]], { shiftKey: true })
    const it = ctx.items()[0]!
    const [x0, y0, x1, y1] = it.points!
    expect(Math.abs(x1! - x0!)).toBeCloseTo(Math.abs(y1! - y0!), 6)
    expect(Math.hypot(x1! - x0!, y1! - y0!)).toBeCloseTo(Math.hypot(100, 90), 6)
  })

  it('Shift snaps a nearly horizontal line to exactly horizontal', () => {
    const ctx = setup()
    drag(arrowTool, ctx, [[0, 0], [100, 12]], { shiftKey: true })
    expect(ctx.items()[0]).toMatchObject({ type: 'arrow', height: 0, points: [0, 0, expect.closeTo(100.72, 1), 0] })
  })

  it('a click makes a default 100-unit horizontal line', () => {
    const ctx = setup()
    drag(arrowTool, ctx, [[10, 10], [10, 10]])
    expect(ctx.items()[0]).toMatchObject({ x: 10, y: 10, width: 100, height: 0, points: [0, 0, 100, 0] })
  })
})

describe('pen tool', () => {
  it('samples every move and simplifies the stroke on pointer-up', () => {
    const ctx = setup()
    const pts: [number, number][] = []
    for (let i = 0; i <= 100; i++) pts.push([i * 2, 0.2 * Math.sin(i)]) // a wobbly straight line
    for (let i = 1; i <= 50; i++) pts.push([200, i * 2]) // then straight down
    penTool.onPointerDown!(ctx, ev(pts[0]![0], pts[0]![1]))
    for (const [x, y] of pts.slice(1)) penTool.onPointerMove!(ctx, ev(x, y))
    const id = ctx.items()[0]!.id
    expect(ctx.item(id).points!.length).toBeGreaterThan(pts.length * 2 - 8) // moves under the drag threshold are skipped
    penTool.onPointerUp!(ctx, ev(200, 100))
    const it = ctx.item(id)
    expect(it.type).toBe('path')
    expect(it.points!.length).toBeLessThanOrEqual(8)
    expect(it).toMatchObject({ width: 200, height: expect.closeTo(100.2, 0) })
    expect(ctx.undo.undoStack).toHaveLength(1)
  })

  it('a click leaves a dot', () => {
    const ctx = setup()
    drag(penTool, ctx, [[5, 5]])
    expect(ctx.items()[0]).toMatchObject({ type: 'path', x: 5, y: 5, points: [0, 0, 0, 0] })
  })
})

describe('text and sticky tools', () => {
  it('text: a click creates an empty text and starts editing it', () => {
    const ctx = setup({ tool: 'text' })
    textTool.onPointerDown!(ctx, ev(100, 100))
    const [it] = ctx.items()
    expect(it).toMatchObject({ type: 'text', text: '', x: 100 })
    expect(ctx.store.get()).toMatchObject({ tool: 'select', editingId: it!.id, selection: [it!.id] })
  })

  it('sticky: a click drops a yellow 200×200 note centred on the pointer and starts editing', () => {
    const ctx = setup({ tool: 'sticky' })
    stickyTool.onPointerDown!(ctx, ev(300, 300))
    const [it] = ctx.items()
    expect(it).toMatchObject({ type: 'sticky', x: 200, y: 200, width: 200, height: 200, fill: '#fff59d' })
    expect(ctx.store.get().editingId).toBe(it!.id)
  })

  it('clicking an existing sticky with the sticky tool edits it instead of adding one', () => {
    const ctx = setup({ tool: 'sticky' })
    stickyTool.onPointerDown!(ctx, ev(300, 300))
    const id = ctx.items()[0]!.id
    ctx.store.setEditing(null)
    ctx.store.setTool('sticky')
    stickyTool.onPointerDown!(ctx, ev(300, 300, { targetId: id }))
    expect(ctx.items()).toHaveLength(1)
    expect(ctx.store.get().editingId).toBe(id)
  })
})

describe('drag-to-create writes the doc at most every ~100 ms', () => {
  const FRAME_MS = 16

  /** Fake time (timers and performance.now) with an animation frame every 16 ms, like a 60 Hz display. */
  function useFrameClock(): void {
    vi.useFakeTimers()
    const pending = new Map<number, FrameRequestCallback>()
    let handle = 0
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      pending.set(++handle, cb)
      return handle
    })
    vi.stubGlobal('cancelAnimationFrame', (h: number) => {
      pending.delete(h)
    })
    setInterval(() => {
      const due = [...pending.values()]
      pending.clear()
      for (const cb of due) cb(performance.now())
    }, FRAME_MS)
  }

  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  /** Counts the doc's update events (each one a transaction and a message to every peer) and their bytes. */
  function countUpdates(ctx: ReturnType<typeof setup>): { updates: number; bytes: number } {
    const n = { updates: 0, bytes: 0 }
    ctx.doc.on('update', (u: Uint8Array) => {
      n.updates++
      n.bytes += u.length
    })
    return n
  }

  /** Press, 100 moves 5 ms apart (500 ms), release; returns the item and the doc traffic. */
  function draw100(tool: Tool, at: (i: number) => [number, number]) {
    const ctx = setup()
    const n = countUpdates(ctx)
    tool.onPointerDown!(ctx, ev(...at(0)))
    for (let i = 1; i <= 100; i++) {
      vi.advanceTimersByTime(5)
      tool.onPointerMove!(ctx, ev(...at(i)))
    }
    const beforeUp = n.updates
    tool.onPointerUp!(ctx, ev(...at(100)))
    const { id: _id, index: _index, ...item } = ctx.items()[0]!
    return { item, updates: n.updates, beforeUp, bytes: n.bytes, undoSteps: ctx.undo.undoStack.length }
  }

  const wobble = (i: number): [number, number] => [100 + i * 3, 100 + 40 * Math.sin(i / 7)]
  const diagonal = (i: number): [number, number] => [100 + i * 3, 100 + i * 2]

  it('a 100-move pen stroke in 500 ms: a handful of doc updates, the same simplified stroke', () => {
    vi.useFakeTimers()
    const perMove = draw100(penTool, wobble) // no requestAnimationFrame: every move is written, as before
    useFrameClock()
    const throttled = draw100(penTool, wobble)
    expect(perMove.updates).toBe(102) // create + 100 moves + simplify
    // create + a write about every 100 ms (the first one in the first frame) + the final one
    expect(throttled.beforeUp).toBeLessThanOrEqual(7)
    expect(throttled.updates).toBeLessThanOrEqual(8)
    expect(throttled.bytes).toBeLessThan(perMove.bytes / 10) // each write carries the whole stroke
    expect(throttled.item).toEqual(perMove.item)
    expect(throttled.item.points!.length).toBeLessThan(100)
    expect(throttled.undoSteps).toBe(1)
  })

  it('a 100-move rectangle drag in 500 ms: a handful of doc updates, the same final box', () => {
    vi.useFakeTimers()
    const perMove = draw100(rectTool, diagonal)
    useFrameClock()
    const throttled = draw100(rectTool, diagonal)
    expect(throttled.updates).toBeLessThanOrEqual(8)
    expect(throttled.item).toEqual(perMove.item)
    expect(throttled.item).toMatchObject({ x: 100, y: 100, width: 300, height: 200 })
    expect(throttled.undoSteps).toBe(1)
  })

  it('writes the first move in the first frame (collaborators see the shape appear at once)', () => {
    useFrameClock()
    const ctx = setup()
    rectTool.onPointerDown!(ctx, ev(0, 0))
    const id = ctx.items()[0]!.id
    rectTool.onPointerMove!(ctx, ev(30, 20))
    vi.advanceTimersByTime(FRAME_MS)
    expect(ctx.item(id)).toMatchObject({ width: 30, height: 20 })
  })

  it('trailing write: a drag that pauses without pointer-up has its latest shape in the doc within 100 ms and a frame', () => {
    useFrameClock()
    for (const tool of [rectTool, penTool, lineTool]) {
      const ctx = setup()
      tool.onPointerDown!(ctx, ev(0, 0))
      const id = ctx.items()[0]!.id
      for (let i = 1; i <= 40; i++) {
        vi.advanceTimersByTime(4)
        tool.onPointerMove!(ctx, ev(i * 5, i * 2))
      }
      const n = countUpdates(ctx)
      vi.advanceTimersByTime(100 + FRAME_MS)
      expect(ctx.item(id)).toMatchObject({ x: 0, y: 0, width: 200, height: 80 })
      if (tool === penTool) expect(ctx.item(id).points!.slice(-2)).toEqual([200, 80]) // raw, not yet simplified
      // and then it stays quiet while the pointer rests
      const settled = n.updates
      vi.advanceTimersByTime(1000)
      expect(n.updates).toBe(settled)
      expect(n.updates).toBeLessThanOrEqual(2)
      tool.onPointerUp!(ctx, ev(200, 80))
    }
  })

  it('the local node follows the pointer every frame while the doc trails', () => {
    useFrameClock()
    const ctx = setup()
    rectTool.onPointerDown!(ctx, ev(0, 0))
    const id = ctx.items()[0]!.id
    const node = new Konva.Rect({ x: 0, y: 0, width: 0, height: 0 })
    itemNodes(ctx.doc).set(id, node) // what ItemNode's ref does once React mounts the item
    rectTool.onPointerMove!(ctx, ev(10, 10))
    vi.advanceTimersByTime(FRAME_MS) // leading write
    rectTool.onPointerMove!(ctx, ev(50, 40))
    rectTool.onPointerMove!(ctx, ev(-20, 60)) // up-left of the start: x moves too
    vi.advanceTimersByTime(FRAME_MS)
    expect(node.getAttrs()).toMatchObject({ x: -20, y: 0, width: 20, height: 60 })
    expect(ctx.item(id)).toMatchObject({ x: 0, y: 0, width: 10, height: 10 }) // within 100 ms of the last write
    rectTool.onPointerUp!(ctx, ev(-20, 60))
    expect(ctx.item(id)).toMatchObject({ x: -20, y: 0, width: 20, height: 60 })
  })

  it('previews an ellipse centred in its box and a pen stroke as the Konva line, and leaves the node equal to the doc', () => {
    useFrameClock()
    const ctx = setup()
    ellipseTool.onPointerDown!(ctx, ev(0, 0))
    const eid = ctx.items()[0]!.id
    const ellipse = new Konva.Ellipse({ radiusX: 0, radiusY: 0 })
    itemNodes(ctx.doc).set(eid, ellipse)
    ellipseTool.onPointerMove!(ctx, ev(80, 40))
    vi.advanceTimersByTime(FRAME_MS)
    expect(ellipse.getAttrs()).toMatchObject({ radiusX: 40, radiusY: 20, offsetX: -40, offsetY: -20 })
    ellipseTool.onPointerUp!(ctx, ev(80, 40))

    penTool.onPointerDown!(ctx, ev(0, 0))
    const pid = ctx.items().find((i) => i.type === 'path')!.id
    const line = new Konva.Line({ points: [0, 0, 0, 0] })
    itemNodes(ctx.doc).set(pid, line)
    for (let i = 1; i <= 60; i++) {
      vi.advanceTimersByTime(4)
      penTool.onPointerMove!(ctx, ev(i * 2, 0.1 * Math.sin(i)))
    }
    vi.advanceTimersByTime(FRAME_MS)
    expect(line.points().length).toBeGreaterThan(100) // the whole raw stroke, every frame
    penTool.onPointerUp!(ctx, ev(120, 0))
    const path = ctx.item(pid)
    expect(path.points!.length).toBeLessThan(10) // simplified
    expect(line.points()).toEqual(path.points) // the final write reaches the node too
    expect(line.x()).toBe(path.x)
  })

  it('Escape mid-drag removes the shape and leaves nothing pending', () => {
    useFrameClock()
    const ctx = setup()
    penTool.onPointerDown!(ctx, ev(0, 0))
    for (let i = 1; i <= 30; i++) {
      vi.advanceTimersByTime(5)
      penTool.onPointerMove!(ctx, ev(i * 4, i))
    }
    penTool.onCancel!(ctx)
    expect(ctx.items()).toHaveLength(0)
    const n = countUpdates(ctx)
    vi.advanceTimersByTime(500)
    expect(n.updates).toBe(0)
    expect(ctx.items()).toHaveLength(0)
  })

  it('a click still drops a default-size shape', () => {
    useFrameClock()
    const ctx = setup()
    rectTool.onPointerDown!(ctx, ev(200, 200))
    vi.advanceTimersByTime(50)
    rectTool.onPointerUp!(ctx, ev(200, 200))
    expect(ctx.items()[0]).toMatchObject({ x: 150, y: 150, width: 100, height: 100 })
  })

  it('Shift constraints hold with throttled writes', () => {
    useFrameClock()
    const ctx = setup()
    rectTool.onPointerDown!(ctx, ev(0, 0, { shiftKey: true }))
    for (let i = 1; i <= 10; i++) {
      vi.advanceTimersByTime(5)
      rectTool.onPointerMove!(ctx, ev(-3 * i, 8 * i, { shiftKey: true }))
    }
    rectTool.onPointerUp!(ctx, ev(-30, 80, { shiftKey: true }))
    expect(ctx.items()[0]).toMatchObject({ x: -80, y: 0, width: 80, height: 80 })
  })
})
