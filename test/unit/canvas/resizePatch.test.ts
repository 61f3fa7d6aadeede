import { describe, expect, it } from 'vitest'
import { defaultsFor, type Item } from '../../../src/doc'
import { isRightAngleMultiple, mustKeepRatio, normaliseDegrees, resizePatch } from '../../../src/canvas/transform/resizePatch'

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

  it('treats a scale within float noise of 1 as no resize (a rotation keeps the exact size)', () => {
    // what Konva's transform decomposition leaves after a pure rotation
    const noisy = { x: 1, y: 2, rotation: 60, scaleX: 0.9999999999999996, scaleY: 1.0000000000000004 }
    const p = resizePatch(item('rect', { width: 120, height: 80 }), noisy)
    expect(p.width).toBe(120)
    expect(p.height).toBe(80)
    expect(resizePatch(item('line', { points: [0, 0, 0.3, 0.7] }), noisy).points).toEqual([0, 0, 0.3, 0.7])
    expect(resizePatch(item('text', { fontSize: 17, text: 'x' }), noisy).fontSize).toBeUndefined()
    // a real (if tiny) resize still counts
    expect(resizePatch(item('rect', { width: 100, height: 100 }), { ...noisy, scaleX: 1.001 }).width).toBeCloseTo(100.1, 9)
  })
})

describe('mustKeepRatio', () => {
  it('recognises multiples of 90° within the doc\'s rounding', () => {
    for (const d of [0, 90, -90, 180, 270, 360, -180, 450, 89.9999, 0.0004, -0.0004]) expect(isRightAngleMultiple(d), String(d)).toBe(true)
    for (const d of [30, -30, 45, 91, 0.01, 179.9, -270.5]) expect(isRightAngleMultiple(d), String(d)).toBe(false)
  })

  it('lets the box stretch only what is aligned with it', () => {
    expect(mustKeepRatio([], 0)).toBe(false)
    expect(mustKeepRatio([0, 0], 0)).toBe(false)
    expect(mustKeepRatio([0, 90, -180], 0)).toBe(false)
    // a single node: the box takes its rotation
    expect(mustKeepRatio([30], 30)).toBe(false)
    // a multi-selection turned together keeps the box at their common rotation
    expect(mustKeepRatio([40, 130], 40)).toBe(false)
    expect(mustKeepRatio([30, 0], 0)).toBe(true)
    expect(mustKeepRatio([30, 30], 0)).toBe(true)
    expect(mustKeepRatio([70, 40], 40)).toBe(true)
  })

  it('is exactly when an uneven box scale would shear a node', () => {
    // the box scales by (sx, sy) along its axes; a node turned by θ against them is sheared unless θ is a multiple of 90°
    const shear = (theta: number, sx: number, sy: number) => {
      const t = (theta * Math.PI) / 180
      // columns: the node's unit axes after the box scale
      const [ax, ay, bx, by] = [sx * Math.cos(t), sy * Math.sin(t), -sx * Math.sin(t), sy * Math.cos(t)]
      return Math.abs(ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by)) // cos of the angle between them
    }
    for (const theta of [0, 30, 45, 90, 120, 180, -60, 270]) {
      const sheared = shear(theta, 2, 0.7) > 1e-9
      expect(mustKeepRatio([theta], 0), String(theta)).toBe(sheared)
      expect(shear(theta, 1.6, 1.6)).toBeLessThan(1e-9) // a uniform scale never shears
    }
  })
})
