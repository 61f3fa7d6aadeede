import { describe, expect, it } from 'vitest'
import { fitBounds, panBy, sceneToScreen, screenToScene, visibleBounds, zoomAt } from '../../../src/canvas/camera'
import { MAX_ZOOM, MIN_ZOOM } from '../../../src/canvas/state/editorStore'

const size = { width: 800, height: 600 }

describe('camera maths', () => {
  it('maps the camera centre to the viewport centre', () => {
    expect(sceneToScreen({ x: 10, y: 20 }, { x: 10, y: 20, zoom: 3 }, size)).toEqual({ x: 400, y: 300 })
  })

  it('screenToScene inverts sceneToScreen', () => {
    const cam = { x: -123.5, y: 77, zoom: 1.7 }
    for (const p of [{ x: 0, y: 0 }, { x: 1000, y: -40 }, { x: -3.25, y: 9e3 }]) {
      const back = screenToScene(sceneToScreen(p, cam, size), cam, size)
      expect(back.x).toBeCloseTo(p.x, 9)
      expect(back.y).toBeCloseTo(p.y, 9)
    }
  })

  it('zoomAt keeps the scene point under the pointer fixed', () => {
    const cam = { x: 50, y: -20, zoom: 1 }
    const pointer = { x: 650, y: 120 }
    const before = screenToScene(pointer, cam, size)
    const next = zoomAt(cam, size, pointer, 2.5)
    expect(next.zoom).toBe(2.5)
    const after = screenToScene(pointer, next, size)
    expect(after.x).toBeCloseTo(before.x, 9)
    expect(after.y).toBeCloseTo(before.y, 9)
  })

  it('zoomAt clamps the zoom', () => {
    expect(zoomAt({ x: 0, y: 0, zoom: 1 }, size, { x: 0, y: 0 }, 1000).zoom).toBe(MAX_ZOOM)
    expect(zoomAt({ x: 0, y: 0, zoom: 1 }, size, { x: 0, y: 0 }, 0).zoom).toBe(MIN_ZOOM)
  })

  it('panBy moves the scene with the pointer (dragging right shows what was on the left)', () => {
    expect(panBy({ x: 0, y: 0, zoom: 2 }, 100, -50)).toEqual({ x: -50, y: 25, zoom: 2 })
  })

  it('visibleBounds is the viewport in scene units', () => {
    expect(visibleBounds({ x: 100, y: 100, zoom: 2 }, size)).toEqual({ x: -100, y: -50, width: 400, height: 300 })
  })

  it('fitBounds centres the bounds and makes them fit', () => {
    const cam = fitBounds({ x: 0, y: 0, width: 2000, height: 1000 }, size)
    expect(cam.x).toBe(1000)
    expect(cam.y).toBe(500)
    const vb = visibleBounds(cam, size)
    expect(vb.width).toBeGreaterThanOrEqual(2000)
    expect(vb.height).toBeGreaterThanOrEqual(1000)
  })
})
