import type { Item } from '../../doc'
import { arrowheadsOf } from '../shapes/linearPaint'
import { cachedSketch, sketchPathData, type SketchGeometry } from '../shapes/sketch'
import { dashPattern } from '../shapes/style'
import { attr, num, paintOf } from './svgText'

/**
 * A sketch-style rect, ellipse, line or arrow as SVG paths: the very strokes the canvas draws
 * (same roughjs seed from the item id, same geometry), in the item's colours. Null for anything
 * drawn the clean way.
 */
export function sketchSvg(it: Item): string | null {
  if (it.style !== 'sketch') return null
  const stroke = paintOf(it.stroke)
  const linear = it.type === 'line' || it.type === 'arrow'
  let g: SketchGeometry
  if (it.type === 'rect' || it.type === 'ellipse')
    g = { kind: it.type, width: it.width, height: it.height, strokeWidth: it.strokeWidth, filled: paintOf(it.fill) !== 'none' }
  else if (linear) g = { kind: 'linear', points: it.points ?? [], strokeWidth: it.strokeWidth, heads: arrowheadsOf(it) }
  else return null
  const sketch = cachedSketch(it.id, g)
  // a line's dots are filled with its stroke colour, a shape's interior with its fill
  const fill = linear ? stroke : paintOf(it.fill)
  const d = dashPattern(it.dash, it.strokeWidth)
  const dash = d ? ` stroke-dasharray="${d.map(num).join(' ')}"` : ''
  const out: string[] = []
  for (const set of sketch.sets) {
    const path = attr(sketchPathData(set.ops))
    if (set.paint === 'outline')
      out.push(`<path d="${path}" fill="none" stroke="${stroke}" stroke-width="${num(it.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"${dash}/>`)
    else if (fill === 'none') continue
    else if (set.paint === 'solid') out.push(`<path d="${path}" fill="${fill}" stroke="none"/>`)
    else out.push(`<path d="${path}" fill="none" stroke="${fill}" stroke-width="${num(sketch.weight)}" stroke-linecap="round"/>`)
  }
  return out.join('')
}
