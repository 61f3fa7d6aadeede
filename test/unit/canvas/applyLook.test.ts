import { describe, expect, it } from 'vitest'
import Konva from 'konva'
import { defaultsFor, type Item, type ItemType } from '../../../src/doc'
import { applyLook } from '../../../src/canvas/shapes/applyLook'

function item(type: ItemType, fields: Partial<Item> = {}): Item {
  return { ...defaultsFor(type), id: 'i1', type, pageId: 'page-1', index: 'a0', ...fields } as Item
}

const keys = (...k: string[]) => new Set(k)

/** A stand-in for a Konva text node (a real one measures glyphs on a canvas, which Node lacks). */
function textNode(attrs: Konva.ShapeConfig): Konva.Shape {
  const n = new Konva.Shape(attrs)
  ;(n as unknown as { className: string }).className = 'Text'
  return n
}

/** A sticky note's nodes as sticky.tsx builds them: shadow, box, text. */
function stickyNode(w: number, h: number): Konva.Group {
  const g = new Konva.Group({ id: 'i1' })
  g.add(new Konva.Rect({ x: 1, y: 3, width: w - 2, height: h }))
  g.add(new Konva.Rect({ width: w, height: h }))
  g.add(textNode({ x: 16, y: 16, width: w - 32, height: h - 32, fontSize: 20 }))
  return g
}

describe('applyLook: a resize set on mounted nodes (what the shape components would render)', () => {
  it('sizes a plain rectangle, ellipse and text', () => {
    const rect = new Konva.Rect({ width: 100, height: 100, cornerRadius: 4 })
    expect(applyLook(rect, item('rect', { x: 5, y: 6, width: 240, height: 12 }), keys('x', 'y', 'width', 'height', 'rotation', 'updatedBy'))).toBe(true)
    expect([rect.x(), rect.y(), rect.width(), rect.height(), rect.cornerRadius()]).toEqual([5, 6, 240, 12, 3])

    const ellipse = new Konva.Ellipse({ radiusX: 50, radiusY: 50, offsetX: -50, offsetY: -50 })
    expect(applyLook(ellipse, item('ellipse', { width: 300, height: 80 }), keys('width', 'height'))).toBe(true)
    expect([ellipse.radiusX(), ellipse.radiusY(), ellipse.offsetX(), ellipse.offsetY()]).toEqual([150, 40, -150, -40])

    const text = textNode({ width: 200, fontSize: 24, text: 'hello' })
    expect(applyLook(text, item('text', { width: 400, fontSize: 48 }), keys('width', 'height', 'fontSize'))).toBe(true)
    expect([text.width(), text.getAttr('fontSize')]).toEqual([400, 48])
  })

  it('sizes a sticky note: its shadow, its box and its text area', () => {
    const node = stickyNode(200, 200)
    expect(applyLook(node, item('sticky', { width: 300, height: 100 }), keys('width', 'height'))).toBe(true)
    const [shadow, box, text] = node.children as [Konva.Rect, Konva.Rect, Konva.Shape]
    expect([shadow.width(), shadow.height()]).toEqual([298, 100])
    expect([box.width(), box.height()]).toEqual([300, 100])
    expect([text.width(), text.height(), text.getAttr('fontSize')]).toEqual([268, 68, 20])
  })

  it('leaves to the component what it does not draw the same way: a sketch, a frame', () => {
    const sketch = new Konva.Rect({ width: 100, height: 100 })
    expect(applyLook(sketch, item('rect', { width: 300, style: 'sketch' }), keys('width'))).toBe(false)
    expect(sketch.width()).toBe(100)

    const sketchArrow = new Konva.Shape({ points: [0, 0, 10, 10] })
    expect(applyLook(sketchArrow, item('arrow', { points: [0, 0, 20, 20], style: 'sketch' }), keys('points'))).toBe(false)
    expect(sketchArrow.getAttr('points')).toEqual([0, 0, 10, 10])

    const frame = new Konva.Group()
    expect(applyLook(frame, item('frame', { width: 300 }), keys('width', 'height'))).toBe(false)
  })

  it('sizes a labelled box: the shape, and its label re-wrapped to the box as label.tsx places it', () => {
    const labelled = new Konva.Group()
    labelled.add(new Konva.Rect({ width: 100, height: 100 }))
    labelled.add(textNode({ text: 'label', x: 8, y: 8, width: 84, height: 84, fontSize: 16 }))
    expect(applyLook(labelled, item('rect', { width: 300, height: 60, text: 'label' }), keys('width', 'height'))).toBe(true)
    const [box, label] = labelled.children as [Konva.Rect, Konva.Shape]
    expect([box.width(), box.height(), box.cornerRadius()]).toEqual([300, 60, 4])
    expect([label.x(), label.y(), label.width(), label.height()]).toEqual([8, 8, 284, 44])
    // its colour is still set here
    expect(applyLook(labelled, item('rect', { fill: '#ff0000', text: 'label' }), keys('fill'))).toBe(true)
    expect(box.fill()).toBe('#ff0000')

    const oval = new Konva.Group()
    oval.add(new Konva.Ellipse({ radiusX: 50, radiusY: 50 }))
    oval.add(textNode({ text: 'label' }))
    expect(applyLook(oval, item('ellipse', { width: 200, height: 100, text: 'label' }), keys('width', 'height'))).toBe(true)
    const [shape, text] = oval.children as [Konva.Ellipse, Konva.Shape]
    expect([shape.radiusX(), shape.radiusY(), shape.offsetX()]).toEqual([100, 50, -100])
    expect(text.width()).toBeCloseTo(200 - 2 * (200 * 0.1464 + 8))
  })

  it('gives a pen stroke, a line and an arrow their new points (their box is no node attribute)', () => {
    const path = new Konva.Line({ points: [0, 0, 10, 10], tension: 0.35 })
    expect(applyLook(path, item('path', { width: 40, height: 20, points: [0, 0, 40, 20] }), keys('width', 'height', 'points'))).toBe(true)
    expect([path.points(), path.tension()]).toEqual([[0, 0, 40, 20], 0.35])

    const arrow = new Konva.Shape({ points: [0, 0, 10, 10] })
    expect(applyLook(arrow, item('arrow', { points: [0, 0, 30, 5] }), keys('x', 'y', 'points', 'width'))).toBe(true)
    expect(arrow.getAttr('points')).toEqual([0, 0, 30, 5])
  })
})

describe('applyLook: a move and turn set on a mounted node', () => {
  it('places and turns the node, clearing its transform caches once (not once per attribute setter)', () => {
    const node = new Konva.Rect({ id: 'i1', x: 0, y: 0, width: 100, height: 50 })
    let clears = 0
    const own = node._clearSelfAndDescendantCache.bind(node)
    node._clearSelfAndDescendantCache = (attr?: string) => {
      if (attr === 'absoluteTransform') clears++
      own(attr)
    }
    expect(applyLook(node, item('rect', { x: 40, y: -20, rotation: 30, width: 100, height: 50 }), keys('x', 'y', 'rotation', 'updatedBy'))).toBe(true)
    expect([node.x(), node.y(), node.rotation()]).toEqual([40, -20, 30])
    expect(clears).toBe(1)
  })
})

describe('applyLook: a restyle set on a mounted node', () => {
  it("writes colours and dashes without Konva's setter per attribute, and the shape draws them (its cached has-fill / has-stroke follow)", () => {
    const node = new Konva.Rect({ id: 'i1', width: 100, height: 50, strokeWidth: 2 })
    expect(node.hasStroke()).toBe(false) // cached by Konva until a stroke change clears it
    const set: string[] = []
    const spied = node as unknown as { _setAttr(k: string, v: unknown): void }
    const own = spied._setAttr.bind(node)
    spied._setAttr = (k, v) => {
      set.push(k)
      own(k, v)
    }
    const look = item('rect', { width: 100, height: 50, fill: '#ff0000', stroke: '#00ff00', strokeWidth: 2, dash: 'dashed' })
    expect(applyLook(node, look, keys('fill', 'stroke', 'dash', 'updatedBy'))).toBe(true)
    expect([node.fill(), node.stroke(), node.dashEnabled()]).toEqual(['#ff0000', '#00ff00', true])
    expect(node.dash().length).toBeGreaterThan(0)
    expect(node.hasStroke()).toBe(true)
    expect(node.hasFill()).toBe(true)
    // strokeWidth unchanged: nothing set through Konva's setters
    expect(set).toEqual([])
    // a stroke width still goes through its setter (it changes the shape's bounds)
    expect(applyLook(node, { ...look, strokeWidth: 6 }, keys('strokeWidth'))).toBe(true)
    expect(set).toEqual(['strokeWidth'])
    expect(node.strokeWidth()).toBe(6)
  })

  it('uses the setter for an attribute the node has a listener of its own for', () => {
    const node = new Konva.Rect({ id: 'i1', width: 100, height: 50, strokeWidth: 2, stroke: '#000000' })
    const heard: unknown[] = []
    node.on('strokeChange', (e) => heard.push((e as unknown as { newVal: unknown }).newVal))
    expect(applyLook(node, item('rect', { stroke: '#123456', strokeWidth: 2 }), keys('stroke'))).toBe(true)
    expect(heard).toEqual(['#123456'])
  })
})
