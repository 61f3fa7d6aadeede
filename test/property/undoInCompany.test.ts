// Undo in company, as a property: two users edit the SAME fields of the same items (moves,
// styles, text, creation, removal) while messages are delayed and reordered; A undoes and
// redoes at random. Whatever A's undo or redo does, every field whose current value B wrote
// keeps that value, and every item that shows B's work is still there.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, createUndoManager, editText, ensureDefaultPage, getItemMap, itemsMap, moveItems, removeItems, updateItems } from '../../src/doc'
import { Connector } from './connector'

const SHARED = ['s0', 's1', 's2']
const B_CLIENT = 2
const created: string[] = []

type Op = 'move' | 'fill' | 'type' | 'add' | 'remove'
type Step =
  | { kind: 'edit'; who: 0 | 1; op: Op; n: number; v: number }
  | { kind: 'undo' | 'redo' | 'cut' }
  | { kind: 'deliver'; pick: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), who: fc.constantFrom(0 as const, 1 as const), op: fc.constantFrom<Op>('move', 'fill', 'type', 'add', 'add', 'remove'), n: fc.nat(100), v: fc.integer({ min: -99, max: 99 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const, 'cut' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(100) }) },
)

/** B's live characters of a text, in order (the Y.Text itself may be anyone's container). */
function bChars(t: Y.Text): string {
  let out = ''
  for (let n = t._start; n; n = n.right) if (!n.deleted && n.id.client === B_CLIENT) out += n.content.getContent().join('')
  return out
}

/** Fields whose current value B wrote (text: the characters B typed); ids of items showing any. */
function bWork(doc: Y.Doc): { fields: Map<string, string>; items: Set<string> } {
  const fields = new Map<string, string>()
  const items = new Set<string>()
  itemsMap(doc).forEach((v, id) => {
    const m = v as Y.Map<unknown>
    for (const [k, item] of m._map) {
      const val = m.get(k)
      if (val instanceof Y.Text || item.deleted || item.id.client !== B_CLIENT) continue
      fields.set(`${id}.${k}`, JSON.stringify(val))
      items.add(id)
    }
    const t = m.get('text')
    if (t instanceof Y.Text && bChars(t) !== '') {
      fields.set(`${id}.text`, bChars(t))
      items.add(id)
    }
  })
  return { fields, items }
}

function readBack(doc: Y.Doc, key: string): string {
  const [id, k] = key.split('.') as [string, string]
  const val = getItemMap(doc, id)?.get(k)
  return val instanceof Y.Text ? bChars(val) : JSON.stringify(val)
}

function apply(doc: Y.Doc, op: Op, n: number, v: number, own: string[], seq: () => string): void {
  // the newest items this replica has, whoever made them: B works on A's new items too
  const live = [...created, ...SHARED].filter((id) => getItemMap(doc, id)).slice(-5)
  const target = live[n % Math.max(1, live.length)]
  if (op === 'add') {
    const id = seq()
    own.push(id)
    created.push(id)
    addItems(doc, [{ type: 'sticky', id, x: v, text: '' }])
  } else if (!target) return
  else if (op === 'move') moveItems(doc, [target], v, n)
  else if (op === 'fill') updateItems(doc, [{ id: target, patch: { fill: `#0000${(n % 100).toString().padStart(2, '0')}` } }])
  else if (op === 'type') editText(doc, target, 0, 0, 'x')
  else if (op === 'remove' && own.includes(target)) removeItems(doc, [target])
}

// Found by this property against stock Y.UndoManager: A creates, B moves, A moves, A undoes
// twice — the second undo deleted the item B had moved.
const REGRESSION: Step[] = [
  { kind: 'edit', who: 0, op: 'add', n: 0, v: 0 }, { kind: 'deliver', pick: 0 },
  { kind: 'edit', who: 1, op: 'move', n: 0, v: 1 }, { kind: 'edit', who: 0, op: 'move', n: 0, v: 0 },
  { kind: 'deliver', pick: 0 }, { kind: 'deliver', pick: 0 }, { kind: 'undo' },
  { kind: 'edit', who: 0, op: 'move', n: 0, v: 0 }, { kind: 'deliver', pick: 0 }, { kind: 'undo' },
]

describe('undo in company (property)', () => {
  it('A’s undo and redo never change a field B wrote last, nor remove an item showing B’s work', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 60, size: 'max' }), (steps) => {
        const net = new Connector(2, (d) => {
          ensureDefaultPage(d)
          addItems(d, SHARED.map((id) => ({ type: 'sticky' as const, id, text: '' })))
        })
        const [a, b] = net.docs as [Y.Doc, Y.Doc]
        expect(b.clientID).toBe(B_CLIENT)
        const um = createUndoManager(a)
        const own: [string[], string[]] = [[], []]
        created.length = 0
        let seq = 0
        const next = (who: 0 | 1) => `${who === 0 ? 'a' : 'b'}${seq++}`
        for (const s of steps) {
          if (s.kind === 'edit') apply(s.who === 0 ? a : b, s.op, s.n, s.v, own[s.who], () => next(s.who))
          else if (s.kind === 'deliver') net.deliver(s.pick)
          else if (s.kind === 'cut') um.stopCapturing()
          else {
            const before = bWork(a)
            if (s.kind === 'undo') um.undo()
            else um.redo()
            for (const [key, val] of before.fields) expect(readBack(a, key), key).toBe(val)
            for (const id of before.items) expect(getItemMap(a, id), id).not.toBeNull()
          }
        }
        net.flushAll()
      }),
      { seed: 1515, numRuns: 100, examples: [[REGRESSION]] },
    )
  })
})
