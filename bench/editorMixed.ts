// The mixed board of `npm run bench:editor -- --board mixed` (issue 17): 10,000 items of which
// 2,000 are arrows bound at both ends to shapes and 1,000 are labelled shapes; the rest are
// plain rects and ellipses, stickies, texts and pen strokes. `sketch`: every rect, ellipse and
// arrow in the hand-drawn style (roughjs), to see what that costs.
import type { ItemInit } from '../src/doc'

const CELL = 200
const KINDS = ['rect', 'ellipse', 'rect', 'sticky', 'ellipse', 'text', 'rect', 'path'] as const
const FILLS = ['#dbeafe', '#dcfce7', '#fee2e2', '#fef3c7', '#ede9fe']

export interface MixedCounts {
  items: number
  boundArrows: number
  labelled: number
}

/** Items of the mixed board, with fixed ids (`m<i>`) so arrows can name the shapes they bind to. */
export function mixedItems(n: number, opts: { sketch?: boolean } = {}): { inits: ItemInit[]; counts: MixedCounts } {
  const arrows = Math.round(n * 0.2)
  const labelled = Math.round(n * 0.1)
  const cells = n - arrows
  const side = Math.ceil(Math.sqrt(cells))
  const half = (side * CELL) / 2
  const style = opts.sketch ? { style: 'sketch' as const } : {}
  const shapes: ItemInit[] = []
  const bindable: boolean[] = []
  for (let i = 0; i < cells; i++) {
    const x = (i % side) * CELL - half
    const y = Math.floor(i / side) * CELL - half
    const kind = KINDS[i % KINDS.length]!
    const id = `m${i}`
    bindable.push(kind === 'rect' || kind === 'ellipse')
    if (kind === 'rect' || kind === 'ellipse')
      shapes.push({ id, type: kind, pageId: 'page-1', x, y, width: 120, height: 90, fill: FILLS[i % FILLS.length]!, stroke: '#334155', ...style })
    else if (kind === 'sticky') shapes.push({ id, type: 'sticky', pageId: 'page-1', x, y, width: 120, height: 120, text: `Note ${i}` })
    else if (kind === 'text') shapes.push({ id, type: 'text', pageId: 'page-1', x, y, width: 120, height: 30, text: `Text ${i}`, fontSize: 20 })
    else shapes.push({ id, type: 'path', pageId: 'page-1', x, y, points: [0, 0, 20, 30, 50, 20, 80, 50, 110, 30] })
  }
  // labels on every n-th bindable shape, spread over the board
  const shapeIdx = bindable.flatMap((b, i) => (b ? [i] : []))
  const labelEvery = Math.max(1, shapeIdx.length / labelled)
  let labels = 0
  for (let k = 0; labels < labelled && Math.floor(k * labelEvery) < shapeIdx.length; k++) {
    const s = shapes[shapeIdx[Math.floor(k * labelEvery)]!]!
    s.text = `Step ${k}`
    labels++
  }
  // arrows between neighbouring shapes (right, then below), evenly picked from all such pairs
  const pairs: [number, number][] = []
  for (let i = 0; i < cells; i++) {
    if (!bindable[i]) continue
    if ((i % side) + 1 < side && bindable[i + 1]) pairs.push([i, i + 1])
    if (i + side < cells && bindable[i + side]) pairs.push([i, i + side])
  }
  const every = Math.max(1, pairs.length / arrows)
  const out: ItemInit[] = [...shapes]
  let bound = 0
  for (let k = 0; bound < arrows && Math.floor(k * every) < pairs.length; k++) {
    const [a, b] = pairs[Math.floor(k * every)]!
    const sa = shapes[a]!
    const sb = shapes[b]!
    const ax = sa.x! + 60
    const ay = sa.y! + 45
    const bx = sb.x! + 60
    const by = sb.y! + 45
    const x = Math.min(ax, bx)
    const y = Math.min(ay, by)
    out.push({
      id: `m-arrow${k}`,
      type: 'arrow',
      pageId: 'page-1',
      x,
      y,
      width: Math.abs(bx - ax),
      height: Math.abs(by - ay),
      points: [ax - x, ay - y, bx - x, by - y],
      stroke: '#1e1e1e',
      startBinding: { itemId: sa.id!, anchor: [0.5, 0.5] },
      endBinding: { itemId: sb.id!, anchor: [0.5, 0.5] },
      ...style,
    })
    bound++
  }
  // fill up to n when the board is too small for that many neighbour pairs
  for (let i = 0; out.length < n; i++) out.push({ id: `m-extra${i}`, type: 'rect', pageId: 'page-1', x: half + CELL * (i % 10), y: -half + CELL * Math.floor(i / 10), width: 120, height: 90 })
  return { inits: out, counts: { items: out.length, boundArrows: bound, labelled: labels } }
}
