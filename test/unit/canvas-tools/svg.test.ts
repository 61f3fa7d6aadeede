import { describe, expect, it } from 'vitest'
import type { Item } from '../../../src/doc'
import { exportSvg, wrapText } from '../../../src/canvas/export/svg'

const base = { pageId: 'page-1', index: 'a0', rotation: 0, opacity: 1, fill: 'transparent', stroke: '#1e1e1e', strokeWidth: 2 }
const item = (over: Partial<Item> & Pick<Item, 'id' | 'type'>): Item => ({ ...base, x: 0, y: 0, width: 100, height: 50, ...over })

describe('exportSvg', () => {
  it('serialises a rect with its bounds, padding and paint', () => {
    const { svg, bounds } = exportSvg([item({ id: 'r1', type: 'rect', x: 10, y: 20, fill: '#a5d8ff' })], { padding: 10 })
    expect(bounds).toEqual({ x: -1, y: 9, width: 122, height: 72 })
    expect(svg).toContain('viewBox="-1 9 122 72"')
    expect(svg).toContain('<g data-id="r1" transform="translate(10 20)"><rect width="100" height="50" fill="#a5d8ff" stroke="#1e1e1e" stroke-width="2"/></g>')
  })

  it('maps transparent to none, rotation and opacity to the group', () => {
    const { svg } = exportSvg([item({ id: 'e', type: 'ellipse', rotation: 45, opacity: 0.5 })])
    expect(svg).toContain('transform="translate(0 0) rotate(45)" opacity="0.5"')
    expect(svg).toContain('<ellipse cx="50" cy="25" rx="50" ry="25" fill="none" stroke="#1e1e1e" stroke-width="2"/>')
  })

  it('draws lines as polylines, arrows with a head at the end, paths as path data', () => {
    const { svg } = exportSvg([
      item({ id: 'l', type: 'line', points: [0, 0, 100, 50] }),
      item({ id: 'a', type: 'arrow', points: [0, 50, 100, 0], stroke: '#e03131' }),
      item({ id: 'p', type: 'path', points: [0, 0, 10, 5, 20, 0] }),
    ])
    expect(svg).toContain('<polyline points="0,0 100,50" fill="none"')
    // the head is a filled triangle whose tip is the arrow's last point
    expect(svg).toMatch(/<g data-id="a"[^>]*><polyline points="0,50 100,0"[^>]*\/><path d="M100 0L[^"]*Z" fill="#e03131"\/><\/g>/)
    expect(svg).not.toMatch(/<g data-id="l"[^>]*>.*<path/)
    expect(svg).toContain('<path d="M0 0L10 5L20 0" fill="none"')
  })

  it('writes text lines as tspans, escaped', () => {
    const { svg } = exportSvg([item({ id: 't', type: 'text', text: 'a < b & "c"\nsecond', fontSize: 20, width: 400, fill: '#1971c2', stroke: 'transparent' })])
    expect(svg).toContain('font-size="20" fill="#1971c2"')
    expect(svg).toContain('<tspan x="0" y="20">a &lt; b &amp; "c"</tspan><tspan x="0" y="45">second</tspan>')
  })

  it('draws a sticky as a rounded note with padded text', () => {
    const { svg } = exportSvg([item({ id: 's', type: 'sticky', width: 200, height: 200, fill: '#fff59d', text: 'hi', fontSize: 20 })])
    expect(svg).toContain('<rect width="200" height="200" rx="6" fill="#fff59d"/>')
    expect(svg).toContain('<tspan x="16" y="36">hi</tspan>')
  })

  it('keeps the z-order it is given and adds a background on request', () => {
    const { svg } = exportSvg([item({ id: 'below', type: 'rect' }), item({ id: 'above', type: 'rect' })], { background: '#ffffff' })
    expect(svg.indexOf('data-id="below"')).toBeLessThan(svg.indexOf('data-id="above"'))
    expect(svg).toMatch(/<svg[^>]*>\n<rect [^>]*fill="#ffffff"\/>/)
  })

  it('escapes hostile ids and colours from other clients', () => {
    const { svg } = exportSvg([item({ id: '"><script>', type: 'arrow', points: [0, 0, 1, 1], stroke: 'red"/><script>' })])
    expect(svg).not.toContain('<script>')
  })

  it('drops characters XML 1.0 forbids (pasted control characters, lone surrogates) and keeps the rest', () => {
    // U+000B is a word processor's manual line break; any of these made the whole SVG (and the PNG made from it) unparseable
    const text = 'Agenda\u000bItem\u0000 one\u001f\ud800 two \ufffe\uffff\u0007\tok \u00e9 \ud83d\ude00 \ue000\ufffd'
    const { svg } = exportSvg([
      item({ id: 't', type: 'text', text, fontSize: 20, width: 2000 }),
      item({ id: 's', type: 'sticky', text: 'note\u000c', fontSize: 20, width: 2000, height: 200, fill: '#fff59d\u0001' }),
    ])
    expect(svg).toContain('>AgendaItem one two \tok \u00e9 \ud83d\ude00 \ue000\ufffd</tspan>')
    expect(svg).toContain('>note</tspan>')
    expect(svg).toContain('fill="#fff59d"')
    // nothing outside XML's Char production survives anywhere in the document
    expect(svg).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u)
  })

  it('escapes both quotes in attribute values', () => {
    const { svg } = exportSvg([item({ id: `a"b'c`, type: 'rect' })])
    expect(svg).toContain('data-id="a&quot;b&#39;c"')
  })

  it('an empty scene is a small valid svg', () => {
    expect(exportSvg([]).svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="-16 -16 32 32">\n</svg>\n')
  })
})

describe('wrapText', () => {
  it('breaks on spaces near the width, and always at newlines', () => {
    expect(wrapText('one two three four', 45, 10)).toEqual(['one two', 'three', 'four'])
    expect(wrapText('a\n\nb', 1000, 10)).toEqual(['a', '', 'b'])
    expect(wrapText('supercalifragilistic', 30, 10)).toEqual(['supercalifragilistic'])
  })
})
