import { describe, expect, it } from 'vitest'
import Konva from 'konva'
import { BigTransform, makeProxy, placeProxy } from '../../../src/canvas/transform/bigSelection'

/** Three item nodes as the shapes mount them: a rect, an ellipse (drawn about an offset), a turned note. */
function nodes(): Konva.Node[] {
  return [
    new Konva.Rect({ id: 'r', x: 10, y: 20, width: 100, height: 50 }),
    new Konva.Ellipse({ id: 'e', x: 300, y: 40, radiusX: 60, radiusY: 30, offsetX: -60, offsetY: -30 }),
    new Konva.Group({ id: 'g', x: 150, y: 200, rotation: 30 }),
  ]
}

const round = (v: number) => Math.round(v * 1e6) / 1e6
const rounded = (p: { id: string; x: number; y: number; rotation: number; scaleX: number; scaleY: number }) => ({
  id: p.id, x: round(p.x), y: round(p.y), rotation: round(p.rotation), scaleX: round(p.scaleX), scaleY: round(p.scaleY),
})

/** Turns (and stretches) the proxy as the transformer would; returns where the nodes end up, and the nodes' attributes before and after. */
function gesture(change: Konva.NodeConfig) {
  const proxy = makeProxy()
  placeProxy(proxy, { x: 0, y: 0, width: 400, height: 300 })
  const start = proxy.getTransform().copy()
  const ns = nodes()
  const before = ns.map((n) => JSON.stringify(n.getAttrs()))
  const g = new BigTransform(proxy, ns, new Set(ns.map((n) => n.id())))
  proxy.setAttrs(change)
  const placed = g.placements()
  // Konva's own way: the change set on each node
  const delta = proxy.getTransform().copy().multiply(start.invert())
  const konva = nodes().map((n) => {
    const local = n.getTransform().copy()
    local.translate(n.offsetX(), n.offsetY())
    n.setAttrs(delta.copy().multiply(local).decompose())
    return rounded({ id: n.id(), x: n.x(), y: n.y(), rotation: n.rotation(), scaleX: n.scaleX(), scaleY: n.scaleY() })
  })
  return { placed: placed.map(rounded), konva, before, after: ns.map((n) => JSON.stringify(n.getAttrs())) }
}

describe('the end of a rotation or resize of a big selection', () => {
  it('gives each node the placement Konva would set on it, without setting anything on the nodes', () => {
    const r = gesture({ rotation: 40, x: 150, y: -90 })
    expect(r.after).toEqual(r.before)
    expect(r.placed).toEqual(r.konva)
    expect(r.placed.find((p) => p.id === 'g')!.rotation).toBeCloseTo(70)
  })

  it('does so for a stretch too', () => {
    const r = gesture({ scaleX: 1.5, scaleY: 0.8, x: -20, y: 10 })
    expect(r.after).toEqual(r.before)
    expect(r.placed).toEqual(r.konva)
    expect(r.placed.find((p) => p.id === 'r')!.scaleX).toBeCloseTo(1.5)
  })
})
