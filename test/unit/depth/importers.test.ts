import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listPages, readItems } from '../../../src/doc'
import { parseScene } from '../../../src/doc/sceneJson'
import { convertExcalidraw, convertTldraw, importForeign } from '../../../src/doc/import'
import { countTx, must, newDoc } from '../doc/docHelpers'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'))

describe('Excalidraw import', () => {
  it('maps shapes, a bound label, a bound arrow with heads, groups, a frame and freedraw; reports the rest', () => {
    const c = must(convertExcalidraw(fixture('sample.excalidraw'), 'page-1'))
    expect(parseScene(c.scene).ok).toBe(true)
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    expect(by.get('box1')).toMatchObject({ type: 'rect', text: 'Start', font: 'hand', fill: '#a5d8ff', parentId: 'g1' })
    expect(by.has('t1')).toBe(false) // became box1's label
    expect(by.get('ell1')).toMatchObject({ type: 'ellipse', dash: 'dashed', opacity: 0.8 })
    expect(by.get('ell1')!.rotation).toBeCloseTo(28.648, 2)
    expect(by.get('arrow1')).toMatchObject({
      type: 'arrow',
      startBinding: { itemId: 'box1', anchor: [0.5, 0.5] },
      endBinding: { itemId: 'ell1', anchor: [0, 0.5] },
      arrowheads: { start: 'dot', end: 'arrow' },
      parentId: 'frame1',
    })
    expect(by.get('frame1')).toMatchObject({ type: 'frame', text: 'Flow' })
    expect(by.get('g1')).toMatchObject({ type: 'group', parentId: 'frame1' })
    expect(by.get('note')).toMatchObject({ type: 'text', text: 'free text', font: 'mono', fill: '#2f9e44' })
    expect(by.get('pen')).toMatchObject({ type: 'path', points: [0, 0, 10, 10, 20, 0] })
    expect(by.has('gone')).toBe(false)
    // sloppiness: artist (1) and cartoonist (2) are drawn hand-drawn, architect (0) clean
    expect(by.get('box1')!.style).toBe('sketch')
    expect(by.get('arrow1')!.style).toBe('sketch')
    expect(by.get('ell1')!.style).toBeUndefined()
    expect(c.skipped).toEqual({ 'image (missing file)': 1, embeddable: 1 }) // its file is not in `files`
  })

  it('imports in one transaction, with new ids whose references still hold, and a one-line report', () => {
    const doc = newDoc()
    const { value, count } = countTx(doc, () => importForeign(doc, fixture('sample.excalidraw'), 'page-1'))
    expect(count).toBe(1)
    const r = must(value)
    expect(r).toMatchObject({ source: 'excalidraw', items: 7, skipped: '1 image (missing file), 1 embeddable' })
    const items = readItems(doc).items
    const arrow = items.find((i) => i.type === 'arrow')!
    const rect = items.find((i) => i.type === 'rect')!
    expect(arrow.startBinding!.itemId).toBe(rect.id)
    expect(items.find((i) => i.id === rect.parentId)?.type).toBe('group')
  })

  it('a malformed file gets a clear error and nothing is written', () => {
    const doc = newDoc()
    const bad = { type: 'excalidraw', version: 2, elements: [{ id: 'a', type: 'rectangle', x: 'left', y: 0, width: 1, height: 1 }] }
    const { value, count } = countTx(doc, () => importForeign(doc, bad, 'page-1'))
    expect(value).toMatchObject({ ok: false })
    expect(!value.ok && value.message).toMatch(/Excalidraw.*elements\[0\]\.x/)
    expect(count).toBe(0)
    expect(importForeign(doc, { type: 'excalidraw', elements: 'nope' }, 'page-1').ok).toBe(false)
    expect(readItems(doc).items).toHaveLength(0)
  })
})

describe('tldraw import', () => {
  it('maps geo shapes with labels, notes, text, a bound bent arrow, frames, groups and pages; reports the rest', () => {
    const c = must(convertTldraw(fixture('sample.tldr'), 'page-1'))
    expect(parseScene(c.scene).ok).toBe(true)
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    expect(by.get('shape:box')).toMatchObject({ type: 'rect', x: 50, y: 50, text: 'Hello\nworld', font: 'hand', align: 'center', parentId: 'shape:frame', pageId: 'page-1' })
    expect(by.get('shape:circle')).toMatchObject({ type: 'ellipse', dash: 'dashed', fill: 'transparent' })
    const arrow = by.get('shape:arrow')!
    expect(arrow).toMatchObject({ startBinding: { itemId: 'shape:box', anchor: [0.5, 0.5] }, endBinding: { itemId: 'shape:circle', anchor: [0.2, 0.5] } })
    expect(arrow.points).toHaveLength(6) // bent: a middle point
    // dash 'draw' (tldraw's default, hand-drawn) is the sketch style; dashed and solid are clean
    expect(by.get('shape:box')!.style).toBe('sketch')
    expect(by.get('shape:circle')!.style).toBeUndefined()
    expect(arrow.style).toBeUndefined()
    expect(by.get('shape:frame')).toMatchObject({ type: 'frame', text: 'Board' })
    // group children are placed relative to the group in tldraw
    expect(by.get('shape:note')).toMatchObject({ type: 'sticky', x: 700, y: 0, text: 'sticky', parentId: 'shape:group' })
    expect(by.get('shape:label')).toMatchObject({ type: 'text', x: 700, y: 220, text: 'caption', align: 'left', font: 'mono' })
    // the second page becomes a page of its own
    expect(c.scene.pages).toHaveLength(2)
    expect(by.get('shape:pen')!.pageId).toBe(c.scene.pages[1]!.id)
    expect(c.skipped).toEqual({ 'star (drawn as rectangle)': 1, 'image (missing file)': 1 }) // no asset record
  })

  it('imports in one transaction onto the current page plus a new one', () => {
    const doc = newDoc()
    const { value, count } = countTx(doc, () => importForeign(doc, fixture('sample.tldr'), 'page-1'))
    expect(count).toBe(1)
    expect(must(value)).toMatchObject({ source: 'tldraw', pages: 1, skipped: '1 image (missing file), 1 star (drawn as rectangle)' })
    expect(listPages(doc).map((p) => p.name)).toEqual(['Page 1', 'Second'])
  })

  it('a malformed file gets a clear error and nothing is written', () => {
    const doc = newDoc()
    const bad = { tldrawFileFormatVersion: 1, records: [{ id: 'shape:x', typeName: 'shape', type: 'geo', x: 0, y: null, parentId: 'page:1', props: {} }] }
    const { value, count } = countTx(doc, () => importForeign(doc, bad, 'page-1'))
    expect(!value.ok && value.message).toMatch(/tldraw.*records\[0\]\.y/)
    expect(count).toBe(0)
    expect(importForeign(doc, { tldrawFileFormatVersion: 1 }, 'page-1').ok).toBe(false)
    expect(importForeign(doc, { hello: 1 }, 'page-1').ok).toBe(false)
  })
})
