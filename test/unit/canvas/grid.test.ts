import { describe, expect, it } from 'vitest'
import { dotPositions, dotSpacing, paintDotGrid } from '../../../src/canvas/grid'

/** Records the calls paintDotGrid makes on a 2D context. */
function recorder() {
  const rects: Array<[number, number, number, number]> = []
  const calls: string[] = []
  const ctx = {
    fillStyle: '',
    save: () => void calls.push('save'),
    restore: () => void calls.push('restore'),
    setTransform: (...m: number[]) => void calls.push(`setTransform ${m.join(',')}`),
    beginPath: () => void calls.push('beginPath'),
    rect: (x: number, y: number, w: number, h: number) => void rects.push([x, y, w, h]),
    fill: () => void calls.push('fill'),
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects, calls, raw: ctx }
}

describe('dot grid', () => {
  it('spaces dots 24 scene units apart, thinned out by four when they would be closer than 14 px', () => {
    expect(dotSpacing(1)).toBe(24)
    expect(dotSpacing(2)).toBe(48)
    expect(dotSpacing(0.5)).toBe(48) // 12 px → every fourth
    expect(dotSpacing(0.1)).toBeCloseTo(38.4) // 2.4 → 9.6 → 38.4
    expect(dotSpacing(0)).toBe(14) // never loops forever
  })

  it('places dots on the scene origin and its multiples, covering the whole length', () => {
    expect(dotPositions(0, 24, 100)).toEqual([0, 24, 48, 72, 96])
    expect(dotPositions(-30, 24, 50)).toEqual([18, 42])
    expect(dotPositions(1000, 24, 30)).toEqual([16])
  })

  it('paints one path of small squares snapped to device pixels, in screen space, under the items', () => {
    const r = recorder()
    paintDotGrid(r.ctx, { zoom: 1, offsetX: 10, offsetY: 5, width: 60, height: 40, pixelRatio: 1 })
    // columns at 10, 34, 58; rows at 5, 29: six 2×2 dots centred on them
    expect(r.rects).toEqual([
      [9, 4, 2, 2], [9, 28, 2, 2],
      [33, 4, 2, 2], [33, 28, 2, 2],
      [57, 4, 2, 2], [57, 28, 2, 2],
    ])
    expect(r.calls).toEqual(['save', 'setTransform 1,0,0,1,0,0', 'beginPath', 'fill', 'restore'])
    expect(r.raw.fillStyle).toBe('#d3d7de')
  })

  it('scales positions to device pixels on a dense screen', () => {
    const r = recorder()
    paintDotGrid(r.ctx, { zoom: 1, offsetX: 0, offsetY: 0, width: 20, height: 20, pixelRatio: 2 })
    // one dot at the origin: 3 device px, centred on device pixel 0
    expect(r.rects).toEqual([[-1, -1, 3, 3]])
  })
})
