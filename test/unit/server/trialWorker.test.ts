import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../../server/ws/protocol'
import { stopTrialWorker, trialOffThread, trialsInFlight } from '../../../server/limits/trialWorker'
import { summarizeUpdate } from '../../../server/limits/updateSummary'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'


function bigUpdate(): Uint8Array {
  const d = new Y.Doc()
  d.getMap('padding').set('p', 'x'.repeat(200_000))
  return Y.encodeStateAsUpdate(d)
}

/** A frame as ws hands a big message over: the frame alone in its memory, the update a view into it. */
function frameOf(update: Uint8Array): { frame: Uint8Array; update: Uint8Array } {
  const frame = encodeUpdate(update).slice()
  return { frame, update: frame.subarray(frame.length - update.length) }
}

describe('the trial of big updates on a worker thread', () => {
  afterAll(() => stopTrialWorker())

  it('lends a frame that owns its memory to the worker and gives back the same bytes with the verdict', async () => {
    const original = bigUpdate()
    const { frame, update } = frameOf(original)
    const sent = frame.slice()
    const pending = trialOffThread(update, frame)
    expect(frame.byteLength).toBe(0) // transferred, not copied
    expect(trialsInFlight()).toBe(1)
    const r = await pending
    expect(r.applies).toBe(true)
    expect(r.relay).toEqual(sent)
    expect(r.update).toEqual(original)
    expect(r.update.buffer).toBe(r.relay.buffer)
    expect(trialsInFlight()).toBe(0)
  })

  it('refuses an update Yjs throws on', async () => {
    const { frame, update } = frameOf(Y.mergeUpdates([bigUpdate(), UNAPPLICABLE_DS]))
    expect((await trialOffThread(update, frame)).applies).toBe(false)
  })

  it('copies an update whose memory is shared (a step 2 re-wrapped, a pooled buffer) and leaves the original usable', async () => {
    const original = bigUpdate()
    const shared = new Uint8Array(original.length + 100)
    shared.set(original, 50)
    const update = shared.subarray(50, 50 + original.length)
    const relay = encodeUpdate(update)
    const r = await trialOffThread(update, relay)
    expect(r.applies).toBe(true)
    expect(update.byteLength).toBe(original.length)
    expect(r.update).toBe(update)
    expect(r.relay).toBe(relay)
  })

  it('decodes a big update for its cost summary on the worker: the summary the door would have made, or why it refuses it', async () => {
    const doc = new Y.Doc()
    doc.getMap('padding').set('p', 'x'.repeat(200_000))
    doc.getArray('list').insert(0, [1, 2, 3])
    doc.getArray('list').delete(1, 1)
    const original = Y.encodeStateAsUpdate(doc)
    const { frame, update } = frameOf(original)
    const r = await trialOffThread(update, frame, { summarize: true })
    const { unapplicable: _u, trialPending: _t, ...atDoor } = summarizeUpdate(original)!
    expect(r.applies).toBe(true)
    expect(r.fault).toBeUndefined()
    expect(r.summary).toEqual(atDoor)
    expect(r.summary!.clients.get(doc.clientID)).toMatchObject({ from: 0, structs: expect.any(Number) })
    expect(r.summary!.deletesUpTo.size).toBe(1)

    // cut short: it does not decode
    const cut = original.slice(0, original.length - 100_000)
    const corrupt = await trialOffThread(cut, encodeUpdate(cut), { summarize: true })
    expect(corrupt).toMatchObject({ applies: false, fault: 'corrupt update' })
    expect(corrupt.summary).toBeUndefined()

    // summary only (an update too big for the trial)
    const only = await trialOffThread(original, encodeUpdate(original), { summarize: true, trial: false })
    expect(only.applies).toBe(true)
    expect(only.summary).toEqual(atDoor)
  })
})
