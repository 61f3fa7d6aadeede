// The attributes a shape component gives its Konva nodes for an item's placement and paint,
// set directly on mounted nodes: a restyle, rotation or move of thousands of items (the style
// panel, the rotate handle, a nudge, a collaborator's) changes their nodes in one pass instead of
// re-rendering thousands of components. Mirrors rect/ellipse/sticky/text/path/linear.tsx; anything
// else (sketched shapes, frames, groups, images, a change of style or font) is left to React.
import type Konva from 'konva'
import type { Item } from '../../doc'
import { DEFAULT_LABEL_SIZE, labelBox, labelColour } from './labelLayout'
import { dashPattern, MIN_HIT_STROKE, paint, STICKY_PAD } from './style'

/** Fields this module can apply; a change to any other field goes through the component. */
const APPLIED: ReadonlySet<string> = new Set(['x', 'y', 'rotation', 'opacity', 'fill', 'stroke', 'strokeWidth', 'dash', 'updatedBy', 'width', 'height', 'fontSize', 'points'])
const PAINT = ['fill', 'stroke', 'strokeWidth', 'dash'] as const
const SIZE = ['width', 'height', 'fontSize', 'points'] as const

type Attrs = Record<string, unknown>

function dashAttrs(item: Item): Attrs {
  const dash = dashPattern(item.dash, item.strokeWidth)
  return { dash, dashEnabled: dash !== undefined }
}

/** The item's root node's paint attributes and the node that takes them, or null when not handled here. */
function paintOf(node: Konva.Node, item: Item): [Konva.Node, Attrs][] | null {
  const kind = node.getClassName()
  const children = (node as Konva.Container).children ?? []
  switch (item.type) {
    case 'rect':
    case 'ellipse': {
      const own: Attrs = { fill: paint(item.fill), stroke: paint(item.stroke), strokeWidth: item.strokeWidth, ...dashAttrs(item) }
      const shapeKind = item.type === 'rect' ? 'Rect' : 'Ellipse'
      if (kind === shapeKind) return [[node, own]]
      // labelled: a group of the shape and its label, whose colour follows the stroke
      const [shape, label] = children
      if (kind === 'Group' && shape?.getClassName() === shapeKind && label && children.length === 2)
        return [[shape, own], [label, { fill: labelColour(item) }]]
      return null
    }
    case 'sticky': {
      const box = children[1]
      if (kind !== 'Group' || box?.getClassName() !== 'Rect') return null
      return [[box, { fill: paint(item.fill), stroke: item.strokeWidth > 0 ? paint(item.stroke) : undefined, strokeWidth: item.strokeWidth }]]
    }
    case 'text':
      return kind === 'Text' || kind === 'ItemText' ? [[node, { fill: paint(item.fill) }]] : null
    case 'path':
      return kind === 'Line' ? [[node, { stroke: paint(item.stroke), strokeWidth: item.strokeWidth, hitStrokeWidth: Math.max(item.strokeWidth, MIN_HIT_STROKE) }]] : null
    case 'line':
    case 'arrow': {
      if (kind !== 'Shape') return null
      const stroke = paint(item.stroke)
      return [[node, { stroke, fill: stroke, strokeWidth: item.strokeWidth, ...dashAttrs(item), hitStrokeWidth: Math.max(item.strokeWidth, MIN_HIT_STROKE) }]]
    }
    default:
      return null
  }
}

/** A shape's label as label.tsx places it in its box (wrapped again by Konva when its size changes). */
function labelSize(item: Item): Attrs {
  return { ...labelBox(item), fontSize: item.fontSize ?? DEFAULT_LABEL_SIZE }
}

/** The attributes the item's size sets on its nodes (resize of a big selection), or null when not handled here. */
function sizeOf(node: Konva.Node, item: Item): [Konva.Node, Attrs][] | null {
  const kind = node.getClassName()
  const children = (node as Konva.Container).children ?? []
  const { width: w, height: h } = item
  switch (item.type) {
    case 'rect':
    case 'ellipse': {
      const shapeKind = item.type === 'rect' ? 'Rect' : 'Ellipse'
      const own: Attrs =
        item.type === 'rect' ? { width: w, height: h, cornerRadius: Math.min(4, w / 4, h / 4) } : { offsetX: -w / 2, offsetY: -h / 2, radiusX: w / 2, radiusY: h / 2 }
      if (kind === shapeKind) return [[node, own]]
      // labelled: the box, and its label re-wrapped to the box as label.tsx places it
      const [shape, label] = children
      if (kind === 'Group' && shape?.getClassName() === shapeKind && label && children.length === 2) return [[shape, own], [label, labelSize(item)]]
      return null
    }
    case 'sticky': {
      const [shadow, box, text] = children
      if (kind !== 'Group' || children.length !== 3 || shadow?.getClassName() !== 'Rect' || box?.getClassName() !== 'Rect' || !text) return null
      return [
        [shadow, { width: w - 2, height: h }],
        [box, { width: w, height: h }],
        [text, { width: Math.max(0, w - STICKY_PAD * 2), height: Math.max(0, h - STICKY_PAD * 2), fontSize: item.fontSize ?? 20 }],
      ]
    }
    case 'text':
      return kind === 'Text' || kind === 'ItemText' ? [[node, { width: w, fontSize: item.fontSize ?? 24 }]] : null
    // drawn from their points (their box is not a node attribute): path.tsx and linear.tsx
    case 'path': {
      const points = item.points ?? []
      return kind === 'Line' ? [[node, { points, tension: points.length < 400 ? 0.35 : 0 }]] : null
    }
    case 'line':
    case 'arrow':
      return kind === 'Shape' ? [[node, { points: item.points ?? [] }]] : null
    default:
      return null
  }
}

/**
 * Sets on `node` (an item's mounted root node) what its component would render for `item`
 * after a change of the fields `keys`. False when that is not done here: the caller re-renders
 * the component instead. Call inside one Konva update batch for many nodes.
 */
export function applyLook(node: Konva.Node, item: Item, keys: ReadonlySet<string>): boolean {
  for (const k of keys) if (!APPLIED.has(k)) return false
  let paints: [Konva.Node, Attrs][] = []
  if (PAINT.some((k) => keys.has(k))) {
    if (item.style === 'sketch') return false
    const p = paintOf(node, item)
    if (!p) return false
    paints = p
  }
  if (SIZE.some((k) => keys.has(k))) {
    if (item.style === 'sketch') return false
    const p = sizeOf(node, item)
    if (!p) return false
    paints = [...paints, ...p]
  }
  // only what changed: a placement attribute set, even to its value, re-derives the node's
  // transform — and all of them in one setAttrs, so the node's transform caches are cleared once
  // (position() and rotation() apart cleared them twice: a third of a 10,000-item rotation's node pass)
  const place: Attrs = {}
  if (keys.has('x') || keys.has('y')) {
    place.x = item.x
    place.y = item.y
  }
  if (keys.has('rotation')) place.rotation = item.rotation
  if (place.x !== undefined || place.rotation !== undefined) node.setAttrs(place)
  if (keys.has('opacity')) node.opacity(item.opacity)
  for (const [n, attrs] of paints) setPaint(n, attrs)
  return true
}

/**
 * Colours and dashes go straight into the node's attributes: Konva's setter per attribute
 * (validator, change event, a draw request walking up to the layer) was most of a 10,000-item
 * restyle's node pass. What Konva's change listeners would do for them is done here: a colour
 * clears the shape's cached "has fill" / "has stroke" (nothing listens to a dash); a node with
 * listeners of its own for one of them goes through the setter. The caller asks for one draw.
 */
const QUIET: Readonly<Record<string, string | null>> = { fill: 'hasFill', stroke: 'hasStroke', dash: null, dashEnabled: null }

function setPaint(n: Konva.Node, attrs: Attrs): void {
  const own = n.attrs as Attrs
  let rest: Attrs | null = null
  let wrote = false
  const listened = (n as unknown as { eventListeners: Record<string, unknown> }).eventListeners
  for (const k in attrs) {
    const v = attrs[k]
    const cache = QUIET[k]
    if (cache === undefined || listened[`${k}Change`]) {
      if (own[k] !== v) (rest ??= {})[k] = v
      continue
    }
    if (own[k] === v) continue
    if (v === undefined || v === null) delete own[k]
    else own[k] = v
    if (cache) n._clearCache(cache)
    wrote = true
  }
  // Konva's count of attribute changes (its Transformer compares it), as its setter would bump it
  const counted = n as unknown as { _attrsVersion?: number }
  if (wrote && counted._attrsVersion !== undefined) counted._attrsVersion++
  if (rest) n.setAttrs(rest)
}
