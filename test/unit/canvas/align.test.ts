import { describe, expect, it } from 'vitest'
import { alignBoxes, distributeBoxes, type Box } from '../../../src/canvas/arrange/align'
import { nextPastePlace } from '../../../src/canvas/actions/pasteOffset'
import { matchShortcut } from '../../../src/canvas/keyboard'

const boxes: Box[] = [
  { id: 'a', x: 0, y: 0, width: 10, height: 10 },
  { id: 'b', x: 50, y: 20, width: 30, height: 20 },
  { id: 'c', x: 20, y: 100, width: 20, height: 40 },
]
const moved = (shifts: { id: string; dx: number; dy: number }[]) =>
  boxes.map((b) => {
    const s = shifts.find((x) => x.id === b.id)!
    return { id: b.id, x: b.x + s.dx, y: b.y + s.dy, right: b.x + s.dx + b.width, bottom: b.y + s.dy + b.height, cx: b.x + s.dx + b.width / 2, cy: b.y + s.dy + b.height / 2 }
  })

describe('align', () => {
  it('left/right line up the outer edges of the selection', () => {
    expect(moved(alignBoxes(boxes, 'left')).map((b) => b.x)).toEqual([0, 0, 0])
    expect(moved(alignBoxes(boxes, 'right')).map((b) => b.right)).toEqual([80, 80, 80])
  })
  it('top/bottom and centres', () => {
    expect(moved(alignBoxes(boxes, 'top')).map((b) => b.y)).toEqual([0, 0, 0])
    expect(moved(alignBoxes(boxes, 'bottom')).map((b) => b.bottom)).toEqual([140, 140, 140])
    expect(moved(alignBoxes(boxes, 'centerX')).map((b) => b.cx)).toEqual([40, 40, 40])
    expect(moved(alignBoxes(boxes, 'centerY')).map((b) => b.cy)).toEqual([70, 70, 70])
  })
  it('moves along one axis only, and needs two boxes', () => {
    expect(alignBoxes(boxes, 'left').every((s) => s.dy === 0)).toBe(true)
    expect(alignBoxes(boxes, 'top').every((s) => s.dx === 0)).toBe(true)
    expect(alignBoxes(boxes.slice(0, 1), 'left')).toEqual([])
  })
})

describe('distribute', () => {
  it('makes the gaps between neighbours equal, keeping the outer two in place', () => {
    const r = moved(distributeBoxes(boxes, 'x')).sort((p, q) => p.x - q.x)
    // a (0..10) and b (50..80) stay; c (width 20) goes in the middle: gaps (80 - 60) / 2 = 10
    expect(r.map((b) => [b.id, b.x, b.right])).toEqual([
      ['a', 0, 10],
      ['c', 20, 40],
      ['b', 50, 80],
    ])
    const v = moved(distributeBoxes(boxes, 'y')).sort((p, q) => p.y - q.y)
    expect(v[1]!.y - v[0]!.bottom).toBeCloseTo(v[2]!.y - v[1]!.bottom)
    expect(v.every((b, i) => b.x === boxes.find((x) => x.id === b.id)!.x || i < 0)).toBe(true)
  })
  it('needs three boxes', () => {
    expect(distributeBoxes(boxes.slice(0, 2), 'x')).toEqual([])
  })
})

describe('paste twice offsets the copy', () => {
  it('a second paste of the same thing at the same spot lands a step further, a third two steps', () => {
    const p1 = nextPastePlace(null, 'k', { x: 5, y: 5 }, 'p', 16)
    expect(p1.at).toEqual({ x: 5, y: 5 })
    const p2 = nextPastePlace(p1.place, 'k', { x: 5, y: 5 }, 'p', 16)
    expect(p2.at).toEqual({ x: 21, y: 21 })
    const p3 = nextPastePlace(p2.place, 'k', { x: 5, y: 5 }, 'p', 16)
    expect(p3.at).toEqual({ x: 37, y: 37 })
  })
  it('another spot, page or clipboard starts over', () => {
    const p1 = nextPastePlace(null, 'k', { x: 5, y: 5 }, 'p')
    expect(nextPastePlace(p1.place, 'k', { x: 50, y: 5 }, 'p').at).toEqual({ x: 50, y: 5 })
    expect(nextPastePlace(p1.place, 'k', { x: 5, y: 5 }, 'q').at).toEqual({ x: 5, y: 5 })
    expect(nextPastePlace(p1.place, 'other', { x: 5, y: 5 }, 'p').at).toEqual({ x: 5, y: 5 })
  })
})

describe('look-and-feel shortcuts', () => {
  const key = (k: string, code: string, o: Partial<{ shiftKey: boolean; modKey: boolean; altKey: boolean }> = {}) =>
    matchShortcut({ key: k, code, shiftKey: false, modKey: false, altKey: false, ...o })?.action
  it('maps K, E, Shift+L, Ctrl+= / Ctrl+- / Shift+0 and Ctrl+Shift+arrows', () => {
    expect(key('k', 'KeyK')).toBe('tool.laser')
    expect(key('e', 'KeyE')).toBe('tool.eraser')
    expect(key('L', 'KeyL', { shiftKey: true })).toBe('toggleLock')
    expect(key('l', 'KeyL')).toBe('tool.line')
    expect(key('=', 'Equal', { modKey: true })).toBe('zoomIn')
    expect(key('+', 'Equal', { modKey: true, shiftKey: true })).toBe('zoomIn')
    expect(key('-', 'Minus', { modKey: true })).toBe('zoomOut')
    expect(key(')', 'Digit0', { shiftKey: true })).toBe('zoomReset')
    expect(key('ArrowLeft', 'ArrowLeft', { modKey: true, shiftKey: true })).toBe('align.left')
    expect(key('ArrowLeft', 'ArrowLeft')).toBe('nudge.left')
    expect(key('D', 'KeyD', { shiftKey: true, altKey: true })).toBe('toggleTheme')
    expect(key('Î', 'KeyD', { shiftKey: true, altKey: true })).toBe('toggleTheme') // macOS Option+Shift+D
    expect(key('r', 'KeyR', { altKey: true })).toBeUndefined()
  })
})
