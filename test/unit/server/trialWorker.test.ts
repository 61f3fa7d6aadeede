import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../../server/ws/protocol'
import { stopTrialWorker, trialOffThread, trialsInFlight } from '../../../server/limits/trialWorker'
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
})
