// Named random scene ops for the property tests. Each takes a replica and a few random
// numbers and picks its targets among what that replica currently sees.
import fc from 'fast-check'
import type * as Y from 'yjs'
import {
  addItems,
  addPage,
  duplicateItems,
  editText,
  ITEM_TYPES,
  listPages,
  movePage,
  moveItems,
  readItems,
  removeItems,
  removePage,
  renamePage,
  reorder,
  setText,
  updateItems,
  type ReorderOp,
} from '../../src/doc'

export type OpName =
  | 'add'
  | 'update'
  | 'move'
  | 'remove'
  | 'duplicate'
  | 'reorder'
  | 'setText'
  | 'editText'
  | 'addPage'
  | 'renamePage'
  | 'removePage'
  | 'movePage'

export interface Op {
  name: OpName
  a: number
  b: number
  c: number
  s: string
}

const WEIGHTS: [OpName, number][] = [
  ['add', 6],
  ['update', 5],
  ['move', 4],
  ['remove', 2],
  ['duplicate', 2],
  ['reorder', 3],
  ['setText', 2],
  ['editText', 3],
  ['addPage', 1],
  ['renamePage', 1],
  ['removePage', 1],
  ['movePage', 1],
]

export const opArb: fc.Arbitrary<Op> = fc.record({
  name: fc.oneof(...WEIGHTS.map(([n, w]) => ({ arbitrary: fc.constant(n), weight: w }))),
  a: fc.nat(1000),
  b: fc.integer({ min: -50, max: 50 }),
  c: fc.nat(1000),
  s: fc.string({ maxLength: 6 }),
})

const REORDER: ReorderOp[] = ['forward', 'backward', 'front', 'back']
const COLOURS = ['red', 'green', 'blue', '#123456']

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined
}

export function applyOp(doc: Y.Doc, op: Op): void {
  const items = readItems(doc).items
  const it = pick(items, op.a)
  const texts = items.filter((i) => i.text !== undefined)
  const pages = listPages(doc)
  const page = pick(pages, op.c)
  switch (op.name) {
    case 'add': {
      const type = ITEM_TYPES[op.a % ITEM_TYPES.length]!
      addItems(doc, [{ type, x: op.b, y: op.c, ...(page ? { pageId: page.id } : {}), ...(type === 'text' || type === 'sticky' ? { text: op.s } : {}) }])
      return
    }
    case 'update':
      if (it) {
        const patch =
          op.c % 3 === 0 ? { fill: pick(COLOURS, op.b + 50)! } : op.c % 3 === 1 ? { width: Math.abs(op.b) } : { rotation: op.b, opacity: (op.c % 10) / 10 }
        updateItems(doc, [{ id: it.id, patch }])
      }
      return
    case 'move':
      if (it) moveItems(doc, [it.id], op.b, op.c % 7)
      return
    case 'remove':
      if (it) removeItems(doc, [it.id])
      return
    case 'duplicate':
      if (it) duplicateItems(doc, [it.id])
      return
    case 'reorder':
      if (it) reorder(doc, [it.id], REORDER[op.c % 4]!)
      return
    case 'setText': {
      const t = pick(texts, op.a)
      if (t) setText(doc, t.id, op.s + (t.text ?? '').slice(0, op.c % 4))
      return
    }
    case 'editText': {
      const t = pick(texts, op.a)
      if (t) {
        const len = (t.text ?? '').length
        const at = op.c % (len + 1)
        editText(doc, t.id, at, Math.min(Math.abs(op.b) % 3, len - at), op.s)
      }
      return
    }
    case 'addPage':
      addPage(doc, op.s.trim() ? op.s : undefined)
      return
    case 'renamePage':
      if (page) renamePage(doc, page.id, `P${op.a}`)
      return
    case 'removePage':
      if (page) removePage(doc, page.id)
      return
    case 'movePage':
      if (page) movePage(doc, page.id, op.a % 4)
      return
  }
}
