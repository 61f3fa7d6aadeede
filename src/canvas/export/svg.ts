import type { Item } from '../../doc'
import { unionBounds, type Rect } from './bounds'
import { dashPattern, fontFamilyOf, INK } from '../shapes/style'
import { DEFAULT_FRAME_TITLE, DEFAULT_LABEL_SIZE, FRAME_TITLE_GAP, FRAME_TITLE_SIZE, LABEL_LINE_HEIGHT, labelBox, labelColour } from '../shapes/labelLayout'
import { arrowheadsOf, headLength } from '../shapes/linearPaint'
import { endTangents, isBent, quadOf } from '../shapes/curve'
import { sketchSvg } from './sketchSvg'
import { attr, num, paintOf, xml } from './svgText'
import type { AssetHref } from './embedAssets'
import { LINE_HEIGHT, STICKY_LINE_HEIGHT, STICKY_PADDING, wrapText } from './textWrap'

export { LINE_HEIGHT, STICKY_LINE_HEIGHT, STICKY_PADDING, wrapText }

/**
 * Scene → standalone SVG, from item data alone (no Konva), so it also covers items the canvas
 * culled off-screen. Pure: the same items always give the same string (unit-tested).
 */
export interface SvgOptions {
  /** scene units of margin around the content */
  padding?: number
  /**
   * What an image item's `href` is (export/embedAssets.ts gives data URLs, so the file stands
   * alone); null draws a placeholder box. Default: `asset:<id>`.
   */
  assetHref?: AssetHref
  /** CSS colour behind everything; omit for a transparent background */
  background?: string
}


export function exportSvg(items: readonly Item[], opts: SvgOptions = {}): { svg: string; bounds: Rect } {
  const pad = opts.padding ?? 16
  const content = unionBounds(items) ?? { x: 0, y: 0, width: 0, height: 0 }
  const b: Rect = { x: content.x - pad, y: content.y - pad, width: content.width + 2 * pad, height: content.height + 2 * pad }
  const href = opts.assetHref ?? ((id: string) => `asset:${id}`)
  const body = items.map((it) => itemSvg(it, href)).join('\n')
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

function itemSvg(it: Item, assetHref: AssetHref): string {
  const transform = `translate(${num(it.x)} ${num(it.y)})${it.rotation ? ` rotate(${num(it.rotation)})` : ''}`
  const group = (inner: string) =>
    `<g data-id="${attr(it.id)}" transform="${transform}"${it.opacity < 1 ? ` opacity="${num(it.opacity)}"` : ''}>${inner}</g>`
  const paint = `fill="${paintOf(it.fill)}" stroke="${paintOf(it.stroke)}" stroke-width="${num(it.strokeWidth)}"`
  switch (it.type) {
    case 'rect':
      return group((sketchSvg(it) ?? `<rect width="${num(it.width)}" height="${num(it.height)}" ${paint}${dashAttr(it)}/>`) + labelSvg(it))
    case 'ellipse':
      return group(
        (sketchSvg(it) ??
          `<ellipse cx="${num(it.width / 2)}" cy="${num(it.height / 2)}" rx="${num(it.width / 2)}" ry="${num(it.height / 2)}" ${paint}${dashAttr(it)}/>`) +
          labelSvg(it),
      )
    case 'line':
    case 'arrow':
      return group(sketchSvg(it) ?? `${linearSvg(it.points ?? [])} ${linePaint(it)}${dashAttr(it)}/>${arrowheadsSvg(it)}`)
    case 'group':
      return ''
    case 'frame':
      return group(
        `<rect width="${num(it.width)}" height="${num(it.height)}" rx="4" ${paint}/>` +
          `<text x="0" y="${num(-FRAME_TITLE_GAP - 2)}" font-family="${attr(fontFamilyOf(it.font))}" font-size="${FRAME_TITLE_SIZE}" fill="#6b7280">${xml(it.text || DEFAULT_FRAME_TITLE)}</text>`,
      )
    case 'path':
      return group(`<path d="${pathData(it.points)}" ${linePaint(it)}/>`)
    case 'text':
      return group(textSvg(it.text ?? '', it.fontSize ?? 24, it.width, 0, paintOf(it.fill), LINE_HEIGHT, it))
    case 'sticky':
      return group(
        `<rect width="${num(it.width)}" height="${num(it.height)}" rx="6" fill="${paintOf(it.fill)}"/>` +
          textSvg(it.text ?? '', it.fontSize ?? 20, it.width - 2 * STICKY_PADDING, STICKY_PADDING, INK, STICKY_LINE_HEIGHT, it),
      )
    case 'image': {
      const href = assetHref(it.image ?? '')
      return group(
        href === null
          ? `<rect width="${num(it.width)}" height="${num(it.height)}" fill="#e9ecef" stroke="#ced4da" stroke-width="1" stroke-dasharray="6 4"/>`
          : imageSvg(attr(href), it),
      )
    }
  }
}

/**
 * An image, cropped when it has a `crop`: a nested viewport whose viewBox is the crop in the
 * source's 0..1 units, the whole image laid out as a 1×1 square in it, so no pixel size is needed.
 */
function imageSvg(href: string, it: Item): string {
  const c = it.crop
  if (!c) return `<image href="${href}" width="${num(it.width)}" height="${num(it.height)}" preserveAspectRatio="none"/>`
  return (
    `<svg width="${num(it.width)}" height="${num(it.height)}" viewBox="${c.x} ${c.y} ${c.width} ${c.height}" preserveAspectRatio="none" overflow="hidden">` +
    `<image href="${href}" width="1" height="1" preserveAspectRatio="none"/></svg>`
  )
}

function dashAttr(it: Item): string {
  const d = dashPattern(it.dash, it.strokeWidth)
  return d ? ` stroke-dasharray="${d.map(num).join(' ')}"` : ''
}

/** A shape's label: wrapped inside its box, vertically centred, aligned as the item says. */
function labelSvg(it: Item): string {
  if (!it.text) return ''
  const b = labelBox(it)
  const size = it.fontSize ?? DEFAULT_LABEL_SIZE
  const lines = wrapText(it.text, b.width, size)
  const lh = size * LABEL_LINE_HEIGHT
  const top = b.y + Math.max(0, (b.height - lines.length * lh) / 2)
  const align = it.align ?? 'center'
  const x = align === 'left' ? b.x : align === 'right' ? b.x + b.width : b.x + b.width / 2
  const anchor = align === 'left' ? 'start' : align === 'right' ? 'end' : 'middle'
  const spans = lines.map((line, i) => `<tspan x="${num(x)}" y="${num(top + i * lh + size)}">${xml(line)}</tspan>`).join('')
  return `<text font-family="${attr(fontFamilyOf(it.font))}" font-size="${num(size)}" fill="${attr(labelColour(it))}" text-anchor="${anchor}" xml:space="preserve">${spans}</text>`
}

/** Heads as plain paths (markers cannot show a dot or a bar the way the canvas does). */
function arrowheadsSvg(it: Item): string {
  const p = it.points ?? []
  const n = p.length
  if (n < 4) return ''
  const heads = arrowheadsOf(it)
  const len = headLength(it.strokeWidth)
  const colour = paintOf(it.stroke)
  const one = (kind: string, x: number, y: number, fx: number, fy: number): string => {
    if (kind === 'none') return ''
    const d = Math.hypot(x - fx, y - fy) || 1
    const ux = (x - fx) / d
    const uy = (y - fy) / d
    if (kind === 'dot') return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(Math.max(3, it.strokeWidth * 1.6))}" fill="${colour}"/>`
    if (kind === 'bar') {
      const w = len * 0.55
      return `<line x1="${num(x - uy * w)}" y1="${num(y + ux * w)}" x2="${num(x + uy * w)}" y2="${num(y - ux * w)}" stroke="${colour}" stroke-width="${num(Math.max(1, it.strokeWidth))}"/>`
    }
    const w = len * 0.45
    return `<path d="M${num(x)} ${num(y)}L${num(x - ux * len - uy * w)} ${num(y - uy * len + ux * w)}L${num(x - ux * len + uy * w)} ${num(y - uy * len - ux * w)}Z" fill="${colour}"/>`
  }
  const t = endTangents(p)
  return one(heads.start, t.start.tip.x, t.start.tip.y, t.start.from.x, t.start.from.y) + one(heads.end, t.end.tip.x, t.end.tip.y, t.end.from.x, t.end.from.y)
}

/** The opening of a line/arrow's element: a polyline, or the quadratic of a bent one (shapes/curve.ts). */
function linearSvg(p: readonly number[]): string {
  if (!isBent(p)) return `<polyline points="${pointList(p)}"`
  const q = quadOf(p)
  return `<path d="M${num(q.x0)} ${num(q.y0)}Q${num(q.cx)} ${num(q.cy)} ${num(q.x1)} ${num(q.y1)}"`
}

function linePaint(it: Item): string {
  return `fill="none" stroke="${paintOf(it.stroke)}" stroke-width="${num(it.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"`
}

function textSvg(
  text: string,
  fontSize: number,
  width: number,
  inset: number,
  colour: string,
  lineHeight = LINE_HEIGHT,
  style: Pick<Item, 'font' | 'align'> = {},
): string {
  if (!text) return ''
  const lines = wrapText(text, width, fontSize)
  const lh = fontSize * lineHeight
  const align = style.align ?? 'left'
  const x = align === 'left' ? inset : align === 'right' ? inset + width : inset + width / 2
  const anchor = align === 'left' ? '' : ` text-anchor="${align === 'right' ? 'end' : 'middle'}"`
  const spans = lines
    .map((line, i) => `<tspan x="${num(x)}" y="${num(inset + i * lh + fontSize)}">${xml(line)}</tspan>`)
    .join('')
  return `<text font-family="${attr(fontFamilyOf(style.font))}" font-size="${num(fontSize)}" fill="${colour}"${anchor} xml:space="preserve">${spans}</text>`
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

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_')
}
