import { describe, expect, it } from 'vitest'
import { cullWindow, windowStillValid } from '../../../src/canvas/items/culling'
import { visibleBounds } from '../../../src/canvas/camera'

const size = { width: 1000, height: 500 }

describe('culling window', () => {
  it('covers the viewport with a margin', () => {
    const cam = { x: 0, y: 0, zoom: 1 }
    const w = cullWindow(cam, size)
    const v = visibleBounds(cam, size)
    expect(w.rect.x).toBeLessThan(v.x)
    expect(w.rect.width).toBeGreaterThan(v.width)
    expect(windowStillValid(w, cam, size)).toBe(true)
  })

  it('stays valid for small pans and is invalidated by large pans or zoom changes', () => {
    const w = cullWindow({ x: 0, y: 0, zoom: 1 }, size)
    expect(windowStillValid(w, { x: 100, y: 50, zoom: 1 }, size)).toBe(true)
    expect(windowStillValid(w, { x: 2000, y: 0, zoom: 1 }, size)).toBe(false)
    expect(windowStillValid(w, { x: 0, y: 0, zoom: 0.5 }, size)).toBe(false)
    expect(windowStillValid(w, { x: 0, y: 0, zoom: 3 }, size)).toBe(false)
  })
})
