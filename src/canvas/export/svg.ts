import type { Item } from '../../doc'
import { unionBounds, type Rect } from './bounds'
import { FONT_FAMILY, INK } from '../shapes/style'

/**
 * Scene → standalone SVG, from item data alone (no Konva), so it also covers items the canvas
 * culled off-screen. Pure: the same items always give the same string (unit-tested).
 */
export interface SvgOptions {
  /** scene units of margin around the content */
  padding?: number
  /** CSS colour behind everything; omit for a transparent background */
  background?: string
}

export const LINE_HEIGHT = 1.25
export const STICKY_PADDING = 16
export const STICKY_LINE_HEIGHT = 1.3
/** average glyph advance as a share of the font size, for the rough line wrapping below */
const GLYPH_WIDTH = 0.55

export function exportSvg(items: readonly Item[], opts: SvgOptions = {}): { svg: string; bounds: Rect } {
  const pad = opts.padding ?? 16
  const content = unionBounds(items) ?? { x: 0, y: 0, width: 0, height: 0 }
  const b: Rect = { x: content.x - pad, y: content.y - pad, width: content.width + 2 * pad, height: content.height + 2 * pad }
  const body = items.map(itemSvg).join('\n')
  const bg = opts.background
    ? `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" fill="${attr(opts.background)}"/>\n`
    : ''
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(b.width)}" height="${num(b.height)}" viewBox="${num(b.x)} ${num(b.y)} ${num(b.width)} ${num(b.height)}">\n` +
    bg +
    body +
    (body ? '\n' : '') +
    '</svg>\n'
  return { svg, bounds: b }
}

function itemSvg(it: Item): string {
  const transform = `translate(${num(it.x)} ${num(it.y)})${it.rotation ? ` rotate(${num(it.rotation)})` : ''}`
  const group = (inner: string) =>
    `<g data-id="${attr(it.id)}" transform="${transform}"${it.opacity < 1 ? ` opacity="${num(it.opacity)}"` : ''}>${inner}</g>`
  const paint = `fill="${paintOf(it.fill)}" stroke="${paintOf(it.stroke)}" stroke-width="${num(it.strokeWidth)}"`
  switch (it.type) {
    case 'rect':
      return group(`<rect width="${num(it.width)}" height="${num(it.height)}" ${paint}/>`)
    case 'ellipse':
      return group(
        `<ellipse cx="${num(it.width / 2)}" cy="${num(it.height / 2)}" rx="${num(it.width / 2)}" ry="${num(it.height / 2)}" ${paint}/>`,
      )
    case 'line':
      return group(`<polyline points="${pointList(it.points)}" ${linePaint(it)}/>`)
    case 'arrow': {
      const m = `arrow-${safeId(it.id)}`
      return group(
        `<defs><marker id="${m}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" markerUnits="strokeWidth" orient="auto-start-reverse">` +
          `<path d="M0 0L10 5L0 10z" fill="${paintOf(it.stroke)}"/></marker></defs>` +
          `<polyline points="${pointList(it.points)}" ${linePaint(it)} marker-end="url(#${m})"/>`,
      )
    }
    case 'path':
      return group(`<path d="${pathData(it.points)}" ${linePaint(it)}/>`)
    case 'text':
      return group(textSvg(it.text ?? '', it.fontSize ?? 24, it.width, 0, paintOf(it.fill)))
    case 'sticky':
      return group(
        `<rect width="${num(it.width)}" height="${num(it.height)}" rx="6" fill="${paintOf(it.fill)}"/>` +
          textSvg(it.text ?? '', it.fontSize ?? 20, it.width - 2 * STICKY_PADDING, STICKY_PADDING, INK, STICKY_LINE_HEIGHT),
      )
  }
}

function linePaint(it: Item): string {
  return `fill="none" stroke="${paintOf(it.stroke)}" stroke-width="${num(it.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"`
}

function textSvg(text: string, fontSize: number, width: number, inset: number, colour: string, lineHeight = LINE_HEIGHT): string {
  if (!text) return ''
  const lines = wrapText(text, width, fontSize)
  const lh = fontSize * lineHeight
  const spans = lines
    .map((line, i) => `<tspan x="${num(inset)}" y="${num(inset + i * lh + fontSize)}">${xml(line)}</tspan>`)
    .join('')
  return `<text font-family="${attr(FONT_FAMILY)}" font-size="${num(fontSize)}" fill="${colour}" xml:space="preserve">${spans}</text>`
}

/** Greedy word wrap at an estimated glyph width; explicit newlines always break. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const maxChars = width > 0 ? Math.max(1, Math.floor(width / (fontSize * GLYPH_WIDTH))) : Infinity
  const out: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word
      if (next.length <= maxChars || !line) line = next
      else {
        out.push(line)
        line = word
      }
    }
    out.push(line)
  }
  return out
}

function pointList(p: readonly number[] | undefined): string {
  const pts = p ?? []
  const out: string[] = []
  for (let i = 0; i + 1 < pts.length; i += 2) out.push(`${num(pts[i]!)},${num(pts[i + 1]!)}`)
  return out.join(' ')
}

function pathData(p: readonly number[] | undefined): string {
  const pts = p ?? []
  if (pts.length < 2) return ''
  let d = `M${num(pts[0]!)} ${num(pts[1]!)}`
  for (let i = 2; i + 1 < pts.length; i += 2) d += `L${num(pts[i]!)} ${num(pts[i + 1]!)}`
  // a single point still shows as a round dot
  if (pts.length === 2) d += `L${num(pts[0]!)} ${num(pts[1]!)}`
  return d
}

function paintOf(c: string): string {
  return !c || c === 'transparent' ? 'none' : attr(c)
}

/** Numbers without float noise (0.1 + 0.2 → 0.3) and without "-0". */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000
  return Object.is(r, -0) ? '0' : String(r)
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_')
}

/**
 * Characters XML 1.0 forbids even as references: C0 controls other than tab, LF and CR, lone
 * surrogates and U+FFFE/U+FFFF. Pasted text brings them in (a word processor's line break is
 * U+000B); one of them makes the whole SVG unparseable, and the PNG export (which loads that SVG
 * as an image) fails with it. They have no glyph, so they are dropped. With the `u` flag a lone
 * surrogate is one code point outside the ranges, while a valid pair is one code point inside.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text content: drops what XML forbids, escapes markup. */
function xml(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A double-quoted attribute value: text rules plus both quotes (a single one is harmless but cheap to escape). */
function attr(s: string): string {
  return xml(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
