import { describe, expect, it } from 'vitest'
import { defaultsFor, type Item } from '../../../src/doc'
import { normaliseDegrees, resizePatch } from '../../../src/canvas/transform/resizePatch'

const item = (type: Item['type'], over: Partial<Item> = {}): Item => ({
  id: 'i',
  type,
  pageId: 'page-1',
  index: 'a0',
  ...defaultsFor(type),
  ...over,
})

describe('resizePatch', () => {
  it('turns a node scale into width and height', () => {
    const p = resizePatch(item('rect', { width: 100, height: 40 }), { x: 5, y: 6, rotation: 0, scaleX: 2, scaleY: 0.5 })
    expect(p).toMatchObject({ x: 5, y: 6, width: 200, height: 20, rotation: 0 })
    expect(p.points).toBeUndefined()
  })

  it('scales the points of lines', () => {
    const p = resizePatch(item('line', { points: [0, 0, 100, 50] }), { x: 0, y: 0, rotation: 0, scaleX: 1.5, scaleY: 2 })
    expect(p.points).toEqual([0, 0, 150, 100])
  })

  it('scales the font of a uniformly scaled text item only', () => {
    const t = item('text', { fontSize: 20, text: 'x' })
    expect(resizePatch(t, { x: 0, y: 0, rotation: 0, scaleX: 2, scaleY: 2 }).fontSize).toBe(40)
    expect(resizePatch(t, { x: 0, y: 0, rotation: 0, scaleX: 2, scaleY: 1 }).fontSize).toBeUndefined()
  })

  it('normalises the rotation', () => {
    expect(normaliseDegrees(370)).toBe(10)
    expect(normaliseDegrees(-190)).toBe(170)
    expect(resizePatch(item('rect'), { x: 0, y: 0, rotation: 270, scaleX: 1, scaleY: 1 }).rotation).toBe(-90)
  })
})
