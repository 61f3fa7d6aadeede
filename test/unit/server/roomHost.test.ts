import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomHost } from '../../../server/roomHost'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'

// The room host thread (server/roomHost.ts): what it answers, and that `take` (the room coming
// home, answered synchronously) sees every batch posted before it.

const hosts: RoomHost[] = []
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop()
})

function host(): RoomHost {
  const h = new RoomHost()
  hosts.push(h)
  return h
}

/** Updates of one writer: `n` map entries each, `count` of them. */
function edits(count: number, n = 10): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      for (let j = 0; j < n; j++) doc.getMap('items').set(`k${i}.${j}`, j)
    })
  }
  return out
}

const read = (state: Uint8Array) => {
  const d = new Y.Doc()
  Y.applyUpdate(d, state)
  return d
}

describe('RoomHost', () => {
  it('applies batches in order and answers the state vector, pending structs and the meta keys changed', async () => {
    const h = host()
    const seed = new Y.Doc()
    seed.getMap('meta').set('title', 'T')
    const key = h.newKey()
    const adopted = await h.adopt(key, Y.encodeStateAsUpdate(seed))
    expect(adopted.ok).toBe(true)

    const [a, b, c] = edits(3)
    const out = await h.apply(key, [a!, c!]) // c waits for b
    expect(out.ok && out.value).toMatchObject({ applied: 2, threw: false, pending: true, metaKeys: [] })
    const meta = new Y.Doc()
    Y.applyUpdate(meta, Y.encodeStateAsUpdate(seed))
    const metaEdits: Uint8Array[] = []
    meta.on('update', (u: Uint8Array) => metaEdits.push(u))
    meta.getMap('meta').set('title', 'Forged')
    const next = await h.apply(key, [b!, metaEdits[0]!])
    expect(next.ok && next.value).toMatchObject({ applied: 2, threw: false, pending: false, metaKeys: ['title'] })
    if (!next.ok) return
    expect(Y.decodeStateVector(next.value.vector).size).toBe(3) // seed, writer, forger
  })

  it('stops a batch at the update that throws and says whether structs were pending before it', async () => {
    const h = host()
    const key = h.newKey()
    await h.adopt(key, Y.encodeStateAsUpdate(new Y.Doc()))
    const [a] = edits(1)
    const out = await h.apply(key, [a!, UNAPPLICABLE_DS, a!])
    expect(out.ok && out.value).toMatchObject({ applied: 1, threw: true, hadPending: false })
    if (out.ok) expect(out.value.times).toHaveLength(2)
  })

  it('take waits for the batches posted before it; the document is gone from the host afterwards', async () => {
    const h = host()
    const key = h.newKey()
    await h.adopt(key, Y.encodeStateAsUpdate(new Y.Doc()))
    const updates = edits(50, 200)
    const applying = h.apply(key, updates) // not awaited: still under way when take is called
    const taken = h.take(key)
    expect(taken.ok).toBe(true)
    if (!taken.ok) return
    expect(read(taken.value).getMap('items').size).toBe(50 * 200)
    expect((await applying).ok).toBe(true)
    const after = await h.apply(key, edits(1))
    expect(after.ok).toBe(false)
  })

  it("answers a joiner's diff from its state vector", async () => {
    const h = host()
    const key = h.newKey()
    const updates = edits(4)
    const first = read(updates[0]!)
    await h.adopt(key, Y.mergeUpdates(updates))
    const d = await h.diff(key, Y.encodeStateVector(first))
    expect(d.ok).toBe(true)
    if (!d.ok) return
    Y.applyUpdate(first, d.value.diff)
    expect(first.getMap('items').size).toBe(40)
  })

  it('a stopped host answers with errors (the rooms it held are reloaded from storage)', async () => {
    const h = host()
    const key = h.newKey()
    await h.adopt(key, Y.encodeStateAsUpdate(new Y.Doc()))
    await h.stop()
    expect((await h.apply(key, edits(1))).ok).toBe(false)
    expect(h.take(key).ok).toBe(false)
  })
})
