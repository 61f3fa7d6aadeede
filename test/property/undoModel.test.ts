// Model-based undo check: replica A edits only its "own" fields (x, y, fill) of shared
// items plus items it creates; replica B edits other fields (width, height, stroke) and
// its own items. Messages are delayed and reordered. After every undo/redo, A's part of
// the document must equal the recorded state at that point of A's history, and B's part
// must be untouched by A's undo.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addItems,
  createUndoManager,
  ensureDefaultPage,
  getItemMap,
  moveItems,
  readItem,
  removeItems,
  updateItems,
} from '../../src/doc'
import { Connector } from './connector'

const SHARED = ['s0', 's1', 's2']
const COLOURS = ['red', 'green', 'blue', '#000000']

type Step =
  | { kind: 'a'; op: 'move' | 'fill' | 'add' | 'edit' | 'remove'; n: number; v: number }
  | { kind: 'b'; op: 'size' | 'stroke' | 'add' | 'edit' | 'remove'; n: number; v: number }
  | { kind: 'undo' | 'redo' }
  | { kind: 'deliver'; pick: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('a' as const), op: fc.constantFrom('move', 'fill', 'add', 'edit', 'remove'), n: fc.nat(100), v: fc.integer({ min: -99, max: 99 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('b' as const), op: fc.constantFrom('size', 'stroke', 'add', 'edit', 'remove'), n: fc.nat(100), v: fc.integer({ min: -99, max: 99 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(100) }) },
)

function fields(doc: Y.Doc, id: string, keys: string[]): unknown[] {
  const m = getItemMap(doc, id)
  return keys.map((k) => m?.get(k) ?? null)
}

function partA(doc: Y.Doc, own: string[]): string {
  return JSON.stringify({
    // raw fields: while a remote update waits for a missing predecessor, its deletions may
    // already apply and leave the item transiently incomplete (readers skip it then)
    shared: SHARED.map((id) => fields(doc, id, ['x', 'y', 'fill'])),
    own: own.flatMap((id) => { const it = readItem(doc, id); return it ? [it] : [] }),
  })
}

function partB(doc: Y.Doc, own: string[]): string {
  return JSON.stringify({
    shared: SHARED.map((id) => fields(doc, id, ['width', 'height', 'stroke'])),
    own: own.flatMap((id) => { const it = readItem(doc, id); return it ? [it] : [] }),
  })
}

function countTx(doc: Y.Doc, fn: () => void): number {
  let n = 0
  const h = () => n++
  doc.on('afterTransaction', h)
  fn()
  doc.off('afterTransaction', h)
  return n
}

describe('undo is local', () => {
  it('undo/redo in A restores A’s recorded states and never touches B’s edits', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 50 }), (steps) => {
        const net = new Connector(2, (d) => {
          ensureDefaultPage(d)
          addItems(d, SHARED.map((id) => ({ type: 'rect' as const, id })))
        })
        const [a, b] = net.docs as [Y.Doc, Y.Doc]
        const um = createUndoManager(a)
        const ownA: string[] = []
        const ownB: string[] = []
        const live = (ids: string[], d: Y.Doc) => ids.filter((id) => readItem(d, id))
        let history = [partA(a, ownA)]
        let pos = 0
        let seq = 0
        for (const s of steps) {
          if (s.kind === 'a') {
            const target = s.op === 'edit' || s.op === 'remove' ? live(ownA, a)[s.n % Math.max(1, live(ownA, a).length)] : SHARED[s.n % 3]!
            const n = countTx(a, () => {
              if (s.op === 'move') moveItems(a, [target!], s.v, 1)
              else if (s.op === 'fill') updateItems(a, [{ id: target!, patch: { fill: COLOURS[s.n % 4]! } }])
              else if (s.op === 'add') {
                const id = `a${seq++}`
                ownA.push(id)
                addItems(a, [{ type: 'ellipse', id, x: s.v }])
              } else if (target && s.op === 'edit') updateItems(a, [{ id: target, patch: { width: Math.abs(s.v), stroke: 'pink' } }])
              else if (target && s.op === 'remove') removeItems(a, [target])
            })
            um.stopCapturing() // one op = one step, whatever the clock says
            if (n > 0) {
              history = history.slice(0, pos + 1)
              history.push(partA(a, ownA))
              pos++
            }
          } else if (s.kind === 'b') {
            const target = s.op === 'edit' || s.op === 'remove' ? live(ownB, b)[s.n % Math.max(1, live(ownB, b).length)] : SHARED[s.n % 3]!
            if (s.op === 'size') updateItems(b, [{ id: target!, patch: { width: Math.abs(s.v), height: s.n } }])
            else if (s.op === 'stroke') updateItems(b, [{ id: target!, patch: { stroke: COLOURS[s.n % 4]! } }])
            else if (s.op === 'add') {
              const id = `b${seq++}`
              ownB.push(id)
              addItems(b, [{ type: 'rect', id, y: s.v }])
            } else if (target && s.op === 'edit') updateItems(b, [{ id: target, patch: { x: s.v, fill: 'gold' } }])
            else if (target && s.op === 'remove') removeItems(b, [target])
          } else if (s.kind === 'deliver') {
            net.deliver(s.pick)
          } else if (s.kind === 'undo') {
            if (pos > 0) {
              const beforeB = partB(a, ownB)
              um.undo()
              pos--
              expect(partA(a, ownA)).toBe(history[pos])
              expect(partB(a, ownB)).toBe(beforeB)
            } else expect(um.canUndo()).toBe(false)
          } else {
            if (pos < history.length - 1) {
              const beforeB = partB(a, ownB)
              um.redo()
              pos++
              expect(partA(a, ownA)).toBe(history[pos])
              expect(partB(a, ownB)).toBe(beforeB)
            } else expect(um.canRedo()).toBe(false)
          }
        }
        net.flushAll()
        expect(partA(a, ownA)).toBe(history[pos])
        expect(partB(a, ownB)).toBe(partB(b, ownB))
        expect(partA(b, ownA)).toBe(partA(a, ownA))
      }),
      { seed: 4242, numRuns: 200 },
    )
  })
})
