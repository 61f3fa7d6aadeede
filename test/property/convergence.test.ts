// Seeded convergence of scene ops across 3–5 replicas under reordering, duplication,
// delays and offline periods. On failure fast-check prints the seed and the shrunk case.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ensureDefaultPage, listPages, moveItems, readItem, readItems, updateItems, addItems } from '../../src/doc'
import { Connector } from './connector'
import { applyOp, opArb, type Op } from './sceneMutators'

type Step =
  | { kind: 'op'; doc: number; op: Op }
  | { kind: 'deliver'; pick: number; dup: boolean }
  | { kind: 'offline'; doc: number; off: boolean }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('op' as const), doc: fc.nat(4), op: opArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(1000), dup: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), doc: fc.nat(4), off: fc.boolean() }) },
)

function snapshot(doc: Y.Doc): string {
  return JSON.stringify({ items: readItems(doc), pages: listPages(doc) })
}

function assertConverged(net: Connector): void {
  const [first, ...rest] = net.docs
  const want = snapshot(first!)
  const sv = Y.encodeStateVector(first!)
  for (const d of rest) {
    expect(snapshot(d)).toBe(want)
    expect(Y.encodeStateVector(d)).toEqual(sv)
  }
  const rebuilt = new Y.Doc()
  Y.applyUpdate(rebuilt, Y.mergeUpdates(net.log))
  expect(snapshot(rebuilt)).toBe(want)
  expect(readItems(first!).invalid).toBe(0)
}

describe('convergence of scene ops', () => {
  it('all replicas end identical after random ops and a random network', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), fc.array(stepArb, { minLength: 5, maxLength: 60 }), (n, steps) => {
        const net = new Connector(n, ensureDefaultPage)
        for (const s of steps) {
          if (s.kind === 'op') applyOp(net.docs[s.doc % n]!, s.op)
          else if (s.kind === 'deliver') net.deliver(s.pick, s.dup)
          else net.setOffline(s.doc % n, s.off)
        }
        net.flushAll()
        assertConverged(net)
      }),
      { seed: 20240611, numRuns: 200 },
    )
  })

  it('concurrent edits of different fields of one item both survive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.constantFrom('red', 'green', '#abcdef'),
        fc.integer({ min: 0, max: 500 }),
        fc.boolean(),
        (dx, fill, width, reverse) => {
          const net = new Connector(3, (d) => {
            ensureDefaultPage(d)
            addItems(d, [{ type: 'rect', id: 'shared' }])
          })
          const [a, b, c] = net.docs
          moveItems(a!, ['shared'], dx, 0)
          updateItems(b!, [{ id: 'shared', patch: { fill } }])
          updateItems(c!, [{ id: 'shared', patch: { width } }])
          if (reverse) for (let k = 5; k >= 0; k--) net.deliver(k)
          net.flushAll()
          assertConverged(net)
          expect(readItem(a!, 'shared')).toMatchObject({ x: dx, fill, width })
        },
      ),
      { seed: 7, numRuns: 50 },
    )
  })
})
