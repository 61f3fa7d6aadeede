import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomDoc } from '../../../server/roomDoc'

const Hydrate = Symbol('hydrate')

/** A board of `n` items as one update, and the doc it came from. */
function board(n: number): { doc: Y.Doc; state: Uint8Array } {
  const doc = new Y.Doc()
  const items = doc.getMap<Y.Map<unknown>>('items')
  doc.transact(() => {
    for (let i = 0; i < n; i++) {
      const item = new Y.Map<unknown>()
      item.set('x', i)
      items.set(`item-${i}`, item)
    }
  })
  return { doc, state: Y.encodeStateAsUpdate(doc) }
}

function itemsOf(update: Uint8Array, base?: Uint8Array): number {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, base)
  Y.applyUpdate(doc, update)
  return doc.getMap('items').size
}

describe('RoomDoc', () => {
  it('starts dormant from stored bytes and answers an empty client with those very bytes, no document built', () => {
    const { state } = board(50)
    const room = new RoomDoc(state, Hydrate)
    expect(room.dormant).toBe(true)
    expect(room.doc).toBeNull()
    const answer = room.diff(Y.encodeStateVector(new Y.Doc()))
    expect(answer.ok && answer.value).toBe(state)
    expect(room.dormant).toBe(true)
    expect(room.wakes).toBe(0)
  })

  it('answers a client that has part of the board with only what it lacks, and gives the state vector, while dormant', () => {
    const { doc, state } = board(20)
    const client = new Y.Doc()
    Y.applyUpdate(client, state)
    doc.getMap<Y.Map<unknown>>('items').set('late', new Y.Map())
    const room = new RoomDoc(Y.encodeStateAsUpdate(doc), Hydrate)
    const vector = room.stateVector()
    expect(vector.ok && Y.decodeStateVector(vector.value)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    const answer = room.diff(Y.encodeStateVector(client))
    if (!answer.ok) throw new Error(answer.detail)
    expect(answer.value.length).toBeLessThan(state.length / 4)
    Y.applyUpdate(client, answer.value)
    expect(client.getMap('items').size).toBe(21)
    expect(room.dormant).toBe(true)
  })

  it('an empty new room starts live with an empty document', () => {
    const room = new RoomDoc(null, Hydrate)
    expect(room.dormant).toBe(false)
    expect(room.doc?.getMap('items').size).toBe(0)
  })

  it('wakes into a document holding the stored state, applied with the hydrate origin, and drops the bytes', () => {
    const room = new RoomDoc(board(30).state, Hydrate)
    const origins: unknown[] = []
    room.eachDoc((doc) => doc.on('afterTransaction', (tr: Y.Transaction) => void origins.push(tr.origin)))
    const woken = room.wake()
    if (!woken.ok) throw new Error(woken.detail)
    expect(woken.value.getMap('items').size).toBe(30)
    expect(room.doc).toBe(woken.value)
    expect(room.dormantBytes).toBe(0)
    expect(room.wake()).toEqual(woken)
    expect(room.wakes).toBe(1)
    // hooks attach after the stored state is applied: they hear edits, not the hydrate
    expect(origins).toEqual([])
  })

  it('goes to sleep as its encoded state, destroys the document, and wakes again with every edit', () => {
    const room = new RoomDoc(board(10).state, Hydrate)
    const first = room.wake()
    if (!first.ok) throw new Error(first.detail)
    first.value.getMap<Y.Map<unknown>>('items').set('edit', new Y.Map())
    let destroyed = false
    first.value.on('destroy', () => (destroyed = true))
    const slept = room.sleep()
    const bytes = slept.ok ? slept.value : null
    expect(destroyed).toBe(true)
    expect(room.dormant).toBe(true)
    expect(bytes && itemsOf(bytes)).toBe(11)
    const again = room.wake()
    if (!again.ok) throw new Error(again.detail)
    expect(again.value).not.toBe(first.value)
    expect(again.value.getMap('items').size).toBe(11)
  })

  it('sleeps on a snapshot it is given (e.g. the one a compaction just wrote) without encoding the document', () => {
    const room = new RoomDoc(null, Hydrate)
    const snapshot = board(5).state
    expect(room.sleep(snapshot)).toEqual({ ok: true, value: snapshot })
    const answer = room.diff(Y.encodeStateVector(new Y.Doc()))
    expect(answer.ok && answer.value).toBe(snapshot)
  })

  it('runs eachDoc hooks on every document built, so a listener follows the room across sleeps', () => {
    const room = new RoomDoc(board(3).state, Hydrate)
    const seen: number[] = []
    room.eachDoc((doc) => doc.getMap('items').observe(() => void seen.push(doc.getMap('items').size)))
    for (let round = 0; round < 3; round++) {
      const woken = room.wake()
      if (!woken.ok) throw new Error(woken.detail)
      woken.value.getMap<Y.Map<unknown>>('items').set(`r${round}`, new Y.Map())
      room.sleep()
    }
    // one observer per document: each edit heard once
    expect(seen).toEqual([4, 5, 6])
  })

  it('reports unreadable bytes instead of throwing, and stays dormant with them untouched', () => {
    const garbage = new Uint8Array([1, 2, 200, 7, 9, 9, 9, 1])
    const room = new RoomDoc(garbage, Hydrate)
    const woken = room.wake()
    expect(woken.ok).toBe(false)
    if (!woken.ok) expect(woken.detail).toMatch(/stored state could not be applied/)
    expect(room.dormant).toBe(true)
    expect(room.stateVector().ok).toBe(false)
    const partial = new Y.Doc()
    partial.getMap('m').set('k', 1)
    expect(room.diff(Y.encodeStateVector(partial)).ok).toBe(false)
    expect(room.dormantBytes).toBe(garbage.length)
  })
})
