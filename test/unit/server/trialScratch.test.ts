import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { appliesToEmptyDoc, TrialScratch } from '../../../server/limits/trialApply'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'

/** What a document holds after a trial: its clients' clocks, what waits as pending, its root types. */
function stateOf(doc: Y.Doc): string {
  const hex = (u: Uint8Array | null | undefined) => (u ? Buffer.from(u).toString('hex') : '-')
  const { store } = doc
  return JSON.stringify({
    clients: [...store.clients].map(([client, structs]) => [client, structs.length]).sort(),
    pending: hex(store.pendingStructs?.update),
    missing: [...(store.pendingStructs?.missing ?? [])].sort(),
    pendingDs: hex(store.pendingDs),
    roots: [...doc.share.keys()].sort(),
  })
}

/** The trial as it was: a document of its own for every update; its verdict and the state it leaves. */
function onFreshDoc(update: Uint8Array): { applies: boolean; state: string } {
  const doc = new Y.Doc({ gc: false })
  let applies = true
  try {
    Y.applyUpdate(doc, update)
  } catch {
    applies = false
  }
  const state = stateOf(doc)
  doc.destroy()
  return { applies, state }
}

type Edit =
  | { kind: 'set'; key: string; value: number }
  | { kind: 'delete'; key: string }
  | { kind: 'push'; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'text'; at: number; text: string }
  | { kind: 'unapplicable' }
  | { kind: 'flip'; byte: number; bit: number }

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(5) }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(8), text: fc.string({ maxLength: 4 }) }),
  fc.constant({ kind: 'unapplicable' as const }),
  fc.record({ kind: fc.constant('flip' as const), byte: fc.nat(60), bit: fc.nat(7) }),
)

/** The updates a few clients' edits produce, in order, with crafted and corrupted ones among them. */
function updatesOf(script: Array<{ client: number; edit: Edit }>): Uint8Array[] {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const out: Uint8Array[] = []
  let last: Uint8Array | null = null
  docs.forEach((d) => d.on('update', (u: Uint8Array) => (out.push(u), (last = u))))
  for (const { client, edit: e } of script) {
    const d = docs[client]!
    if (e.kind === 'set') d.getMap('m').set(e.key, e.value)
    else if (e.kind === 'delete') d.getMap('m').delete(e.key)
    else if (e.kind === 'push') d.getArray('a').push([e.value])
    else if (e.kind === 'cut') d.getArray('a').length > e.at && d.getArray('a').delete(e.at, 1)
    else if (e.kind === 'text') d.getText('t').insert(Math.min(e.at, d.getText('t').length), e.text)
    else if (e.kind === 'unapplicable') out.push(UNAPPLICABLE_DS)
    else if (last) {
      const bad = Uint8Array.from(last as Uint8Array)
      if (bad.length > 0) bad[e.byte % bad.length]! ^= 1 << e.bit
      out.push(bad)
    }
  }
  return out
}

describe("the door's trial, reusing its scratch document", () => {
  it('judges every update of a stream exactly as a document of its own would, and is left in the same state by it, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ client: fc.nat(2), edit }), { minLength: 1, maxLength: 40 }), (script) => {
        const trial = new TrialScratch()
        for (const update of updatesOf(script)) {
          let state = ''
          const applies = trial.applies(update, (doc) => (state = stateOf(doc)))
          expect({ applies, state }).toEqual(onFreshDoc(update))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('still refuses the crafted update after a run of ordinary edits, and accepts the next edit after it', () => {
    const d = new Y.Doc()
    const updates: Uint8Array[] = []
    d.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 5; i++) d.getMap('cursors').set('me', i)
    for (const u of updates) expect(appliesToEmptyDoc(u)).toBe(true)
    expect(appliesToEmptyDoc(UNAPPLICABLE_DS)).toBe(false)
    d.getMap('cursors').set('me', 99)
    expect(appliesToEmptyDoc(updates.at(-1)!)).toBe(true)
  })
})
