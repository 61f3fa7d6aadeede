import { describe, expect, it } from 'vitest'
import { discardFreshText } from '../../../src/canvas/tools/freshText'
import { rectTool } from '../../../src/canvas/tools/rect'
import { stickyTool } from '../../../src/canvas/tools/sticky'
import { textTool } from '../../../src/canvas/tools/text'
import { editText } from '../../../src/doc'
import { drag, ev, setup } from './harness'

describe('text tool: an empty text box dismissed', () => {
  const exists = (ctx: ReturnType<typeof setup>) => (id: string) => ctx.items().some((i) => i.id === id)

  it('leaves no undo step behind: the next undo reaches what came before it', () => {
    const ctx = setup()
    drag(rectTool, ctx, [[0, 0], [40, 40]])
    const rect = ctx.items()[0]!.id
    ctx.store.setTool('text')
    textTool.onPointerDown!(ctx, ev(100, 100))
    const text = ctx.items().find((i) => i.type === 'text')!.id
    expect(ctx.undo.undoStack).toHaveLength(2)
    expect(discardFreshText(ctx.undo, text, exists(ctx))).toBe(true)
    expect(ctx.items().map((i) => i.id)).toEqual([rect])
    expect([ctx.undo.undoStack.length, ctx.undo.redoStack.length]).toEqual([1, 0])
    ctx.undo.undo()
    expect(ctx.items()).toHaveLength(0) // the rect: no invisible empty text came back first
  })

  it('also takes back typing that was then deleted', () => {
    const ctx = setup()
    ctx.store.setTool('text')
    textTool.onPointerDown!(ctx, ev(100, 100))
    const text = ctx.items()[0]!.id
    expect(editText(ctx.doc, text, 0, 0, 'abc').ok).toBe(true)
    ctx.undo.stopCapturing()
    expect(editText(ctx.doc, text, 0, 3, '').ok).toBe(true)
    expect(discardFreshText(ctx.undo, text, exists(ctx))).toBe(true)
    expect(ctx.items()).toHaveLength(0)
    expect(ctx.undo.undoStack).toHaveLength(0)
  })

  it('does nothing for items the text tool did not just create', () => {
    const ctx = setup({ tool: 'sticky' })
    stickyTool.onPointerDown!(ctx, ev(300, 300))
    const sticky = ctx.items()[0]!.id
    expect(discardFreshText(ctx.undo, sticky, exists(ctx))).toBe(false)
    expect(discardFreshText(ctx.undo, 'unknown', exists(ctx))).toBe(false)
    expect(ctx.items()).toHaveLength(1)
  })
})
