import { describe, expect, it } from 'vitest'
import type { Item, ItemType } from '../../../src/doc'
import { exportSvg } from '../../../src/canvas/export/svg'
import { cachedSketch, sketchOf, sketchSeed } from '../../../src/canvas/shapes/sketch'
import { patchFor, toolStyleFor } from '../../../src/canvas/ui/stylePatch'
import { lookOf } from '../../../src/canvas/tools/toolStyle'

const base = { pageId: 'page-1', index: 'a0', rotation: 0, opacity: 1, fill: 'transparent', stroke: '#1e1e1e', strokeWidth: 2 }
const item = (over: Partial<Item> & Pick<Item, 'id' | 'type'>): Item => ({ ...base, x: 0, y: 0, width: 100, height: 50, ...over })
const box = (filled: boolean) => ({ kind: 'rect' as const, width: 120, height: 80, strokeWidth: 2, filled })

describe('sketch style: strokes seeded by the item id', () => {
  it('a seed is stable for an id, never 0 (roughjs would then pick a random one), and differs between ids', () => {
    expect(sketchSeed('3f1c-item')).toBe(sketchSeed('3f1c-item'))
    const seeds = new Set(['a', 'b', 'c', '', crypto.randomUUID(), crypto.randomUUID()].map(sketchSeed))
    expect(seeds.size).toBe(6)
    for (const s of seeds) expect(s).toBeGreaterThan(0)
    for (const s of seeds) expect(s).toBeLessThan(2 ** 31)
  })

  it('the same item and geometry give the very same strokes (every screen draws it alike); another item wobbles differently', () => {
    const a = sketchOf(box(false), sketchSeed('item-a'))
    expect(sketchOf(box(false), sketchSeed('item-a'))).toEqual(a)
    expect(sketchOf(box(false), sketchSeed('item-b'))).not.toEqual(a)
    // hand-drawn: the outline is curves, not the four straight sides of a rect
    expect(a.sets.every((s) => s.paint === 'outline')).toBe(true)
    expect(a.sets[0]!.ops.some((o) => o.op === 'bcurveTo')).toBe(true)
  })

  it('a filled shape gets hachure lines, an unfilled one none', () => {
    expect(sketchOf(box(true), 7).sets.some((s) => s.paint === 'hachure')).toBe(true)
    expect(sketchOf(box(false), 7).sets.some((s) => s.paint === 'hachure')).toBe(false)
  })

  it('an arrow sketches its shaft and each head; a dot head is filled', () => {
    const heads = (start: 'none' | 'dot', end: 'none' | 'arrow') => sketchOf({ kind: 'linear', points: [0, 0, 200, 40], strokeWidth: 2, heads: { start, end } }, 11).sets
    const bare = heads('none', 'none')
    expect(heads('none', 'arrow').length).toBeGreaterThan(bare.length)
    expect(heads('dot', 'none').some((s) => s.paint === 'solid')).toBe(true)
    expect(sketchOf({ kind: 'linear', points: [0, 0], strokeWidth: 2, heads: { start: 'none', end: 'arrow' } }, 11).sets).toEqual([])
  })

  it('the cache returns the generated strokes while the geometry stays, and new ones when it changes', () => {
    const first = cachedSketch('cached-item', box(false))
    expect(cachedSketch('cached-item', box(false))).toBe(first)
    const wider = cachedSketch('cached-item', { ...box(false), width: 300 })
    expect(wider).not.toBe(first)
    expect(wider).toEqual(sketchOf({ ...box(false), width: 300 }, sketchSeed('cached-item')))
  })
})

describe('sketch style in the SVG export', () => {
  it('a sketch rect is exported as hand-drawn paths in its colours (with hachure in the fill colour), the same on every export', () => {
    const it1 = item({ id: 'sk', type: 'rect', style: 'sketch', fill: '#ffc9c9', stroke: '#e03131', text: 'Hi' })
    const { svg } = exportSvg([it1])
    const g = svg.match(/<g data-id="sk"[^>]*>(.*)<\/g>/)![1]!
    expect(g).not.toContain('<rect')
    expect(g).toMatch(/<path d="M[^"]*C[^"]*" fill="none" stroke="#e03131" stroke-width="2"/)
    expect(g).toMatch(/<path d="[^"]*" fill="none" stroke="#ffc9c9" stroke-width="1"/)
    expect(g).toContain('>Hi</tspan>')
    expect(exportSvg([it1]).svg).toBe(svg)
  })

  it('sketch ellipses and arrows are paths too; clean items are exported as before', () => {
    const { svg } = exportSvg([
      item({ id: 'e', type: 'ellipse', style: 'sketch' }),
      item({ id: 'a', type: 'arrow', style: 'sketch', points: [0, 50, 100, 0], stroke: '#1971c2', dash: 'dashed' }),
      item({ id: 'c', type: 'rect', style: 'clean' }),
    ])
    expect(svg).toMatch(/<g data-id="e"[^>]*><path d="M[^"]*C/)
    expect(svg).not.toContain('<ellipse')
    expect(svg).not.toContain('<polyline')
    // the shaft is dashed, its head is not
    expect(svg).toMatch(/<g data-id="a"[^>]*><path [^>]*stroke="#1971c2"[^>]*stroke-dasharray="8 6"\/>/)
    expect(svg).toContain('<g data-id="c" transform="translate(0 0)"><rect width="100" height="50" fill="none" stroke="#1e1e1e" stroke-width="2"/></g>')
  })
})

describe('sketch style from the style panel', () => {
  const of = (type: ItemType, style?: 'clean' | 'sketch') => item({ id: type, type, ...(style ? { style } : {}) })
  it('"Sketch" restyles rects, ellipses, lines and arrows only (a pen stroke is hand-drawn already), and only when it changes something', () => {
    const c = { kind: 'look', value: 'sketch' } as const
    for (const t of ['rect', 'ellipse', 'line', 'arrow'] as const) expect(patchFor(of(t), c)).toEqual({ style: 'sketch' })
    for (const t of ['path', 'text', 'sticky', 'frame', 'image'] as const) expect(patchFor(of(t), c)).toBeNull()
    expect(patchFor(of('rect', 'sketch'), c)).toBeNull()
    expect(patchFor(of('rect', 'sketch'), { kind: 'look', value: 'clean' })).toEqual({ style: 'clean' })
  })

  it('the choice is also the look of the next shapes: new shapes store style only when sketched', () => {
    expect(toolStyleFor({ kind: 'look', value: 'sketch' }, false)).toEqual({ look: 'sketch' })
    expect(lookOf({ look: 'sketch' })).toEqual({ style: 'sketch' })
    expect(lookOf({ look: 'clean' })).toEqual({})
  })
})
