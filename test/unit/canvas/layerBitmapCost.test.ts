// When the items layer draws over frames (progressiveDraw.ts): a draw expected to be slower than a
// frame. After a delete of a whole board the layer drew an empty page fast; the undo that brought
// 10,000 items back was then drawn in one frame of ~0.4 s.
import { describe, expect, it } from 'vitest'
import { EXPENSIVE_DRAW_MS, LayerBitmaps } from '../../../src/canvas/items/layerBitmap'

describe('LayerBitmaps: how slow a full draw of the items is expected to be', () => {
  it('a board back after a fast draw of an empty layer is still expected to be slow', () => {
    const b = new LayerBitmaps()
    expect(b.expensiveFor(10_000)).toBe(false) // nothing drawn yet (the first draw of a board)
    b.drew(400, 10_000)
    expect(b.expensive).toBe(true)
    // the delete: an empty layer, drawn fast
    b.drew(0.3, 0)
    expect(b.expensive).toBe(false)
    // the undo: as many items as the slow draw had, or a good part of them
    expect(b.expensiveFor(10_000)).toBe(true)
    expect(b.expensiveFor(2_000)).toBe(true)
    // a few, scaled from the slow draw, fit in a frame
    expect(b.expensiveFor(200)).toBe(false)
  })

  it('a fast draw of as many items as the slow one had forgets it', () => {
    const b = new LayerBitmaps()
    b.drew(400, 10_000)
    b.drew(0.5, 50)
    expect(b.expensiveFor(10_000)).toBe(true)
    b.drew(EXPENSIVE_DRAW_MS / 2, 10_000)
    expect(b.expensiveFor(10_000)).toBe(false)
    expect(b.expensive).toBe(false)
  })
})
