import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { appliesToEmptyDoc, TrialScratch } from '../../../server/limits/trialApply'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'
import { edit, updatesOf } from '../../helpers/editStreams'

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
