import { describe, expect, it } from 'vitest'
import type { Item, ItemType } from '../../../src/doc'
import { patchFor, toolStyleFor, type StyleChoice } from '../../../src/canvas/ui/stylePatch'

const item = (type: ItemType): Item => ({
  id: type, type, pageId: 'page-1', index: 'a0', x: 0, y: 0, width: 10, height: 10, rotation: 0,
  fill: 'transparent', stroke: '#1e1e1e', strokeWidth: 2, opacity: 1,
})
const ALL: ItemType[] = ['rect', 'ellipse', 'line', 'arrow', 'path', 'text', 'sticky']
const patches = (c: StyleChoice) => Object.fromEntries(ALL.map((t) => [t, patchFor(item(t), c)]))

describe('patchFor (style panel → item patch)', () => {
  it('colour is the outline of shapes and lines, the glyph colour of text, and leaves stickies alone', () => {
    expect(patches({ kind: 'stroke', value: '#e03131' })).toEqual({
      rect: { stroke: '#e03131' }, ellipse: { stroke: '#e03131' }, line: { stroke: '#e03131' },
      arrow: { stroke: '#e03131' }, path: { stroke: '#e03131' }, text: { fill: '#e03131' }, sticky: null,
    })
  })

  it('fill applies to closed shapes and sticky paper only', () => {
    expect(patches({ kind: 'fill', value: '#a5d8ff' })).toEqual({
      rect: { fill: '#a5d8ff' }, ellipse: { fill: '#a5d8ff' }, sticky: { fill: '#a5d8ff' },
      line: null, arrow: null, path: null, text: null,
    })
  })

  it('stroke width skips text and stickies; opacity applies to everything', () => {
    const w = patches({ kind: 'strokeWidth', value: 4 })
    expect(w.rect).toEqual({ strokeWidth: 4 })
    expect(w.path).toEqual({ strokeWidth: 4 })
    expect(w.text).toBeNull()
    expect(w.sticky).toBeNull()
    for (const t of ALL) expect(patchFor(item(t), { kind: 'opacity', value: 0.4 })).toEqual({ opacity: 0.4 })
  })

  it('font size applies to texts, stickies and shape labels, not to lines', () => {
    const f = patches({ kind: 'fontSize', value: 36 })
    expect(f.text).toEqual({ fontSize: 36 })
    expect(f.sticky).toEqual({ fontSize: 36 })
    expect(f.rect).toEqual({ fontSize: 36 })
    expect(f.ellipse).toEqual({ fontSize: 36 })
    for (const t of ['line', 'arrow', 'path'] as const) expect(f[t]).toBeNull()
  })

  it('arrowheads and dash apply to lines and arrows; font and alignment to texts and labels', () => {
    expect(patches({ kind: 'arrowhead', end: 'start', value: 'dot' }).arrow).toEqual({ arrowheads: { start: 'dot', end: 'arrow' } })
    expect(patches({ kind: 'arrowhead', end: 'end', value: 'bar' }).line).toEqual({ arrowheads: { start: 'none', end: 'bar' } })
    expect(patches({ kind: 'arrowhead', end: 'end', value: 'bar' }).rect).toBeNull()
    expect(patches({ kind: 'dash', value: 'dotted' }).line).toEqual({ dash: 'dotted' })
    expect(patches({ kind: 'font', value: 'hand' }).rect).toEqual({ font: 'hand' })
    expect(patches({ kind: 'align', value: 'right' }).text).toEqual({ align: 'right' })
    expect(patches({ kind: 'font', value: 'mono' }).arrow).toBeNull()
  })
})

describe('toolStyleFor (style panel → style of the next shapes)', () => {
  it('a fill chosen with the sticky tool is the next sticky paper, otherwise the next shape fill', () => {
    expect(toolStyleFor({ kind: 'fill', value: '#ffc9c9' }, true)).toEqual({ stickyFill: '#ffc9c9' })
    expect(toolStyleFor({ kind: 'fill', value: '#ffc9c9' }, false)).toEqual({ fill: '#ffc9c9' })
  })

  it('the other choices carry over as they are', () => {
    expect(toolStyleFor({ kind: 'stroke', value: '#000' }, false)).toEqual({ stroke: '#000' })
    expect(toolStyleFor({ kind: 'strokeWidth', value: 8 }, false)).toEqual({ strokeWidth: 8 })
    expect(toolStyleFor({ kind: 'opacity', value: 0.5 }, true)).toEqual({ opacity: 0.5 })
    expect(toolStyleFor({ kind: 'fontSize', value: 28 }, true)).toEqual({ fontSize: 28 })
  })
})
