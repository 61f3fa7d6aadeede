import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Room } from '../../../server/room'
import { SqliteStorage } from '../../../server/storage/sqlite'
import { encodeUpdate } from '../../../server/ws/protocol'
import { fakeRoom, type FakeSocket } from '../../helpers/fakeRoom'
import { useTmpDirs } from '../../helpers/tmpDir'

/** Real SQLite storage that notes each durable append: how many updates it carried, and how many relays had gone out before it. */
class NotedStorage extends SqliteStorage {
  commits: Array<{ updates: number; relayedBefore: number }> = []
  peer: FakeSocket | null = null
  override appendSync(room: string, updates: readonly Uint8Array[]): void {
    this.commits.push({ updates: updates.length, relayedBefore: this.peer?.sent.length ?? 0 })
    super.appendSync(room, updates)
  }
}

const tmp = useTmpDirs('tessera-group-commit-')
const open: Array<{ room: Room; storage: SqliteStorage }> = []
afterEach(async () => {
  for (const { room, storage } of open.splice(0)) {
    await room.destroy().catch(() => {})
    await storage.close()
  }
})

const turn = () => new Promise((r) => setImmediate(r))

/**
 * Event-loop turns until `done()` holds (at most 5 s of them). The room applies a batch in
 * slices of about 4 ms of wall-clock time (roomIngest SLICE_MS), the rest one setImmediate turn
 * later each: on a loaded machine six updates can take more than the two turns they take on a
 * quiet one.
 */
async function turnsUntil(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!done() && Date.now() < deadline) await turn()
}

/** Five edits of one client, each its own update frame. */
function edits(n: number): Uint8Array[] {
  const d = new Y.Doc()
  const frames: Uint8Array[] = []
  d.on('update', (u: Uint8Array) => frames.push(encodeUpdate(u)))
  for (let i = 0; i < n; i++) d.getArray('log').push([i])
  return frames
}

describe('Room: updates that arrive together', () => {
  it('are stored in one transaction, then each relayed once to every connection, in arrival order', async () => {
    const storage = new NotedStorage(tmp())
    const { room, join } = fakeRoom(storage)
    open.push({ room, storage })
    const a = join().ws
    const b = join().ws
    const peer = join().ws
    storage.peer = peer
    const frames = edits(6)
    // a, b, a, b…: six frames read in one event-loop turn, from two senders
    frames.forEach((f, i) => (i % 2 === 0 ? a : b).receive(f))
    expect(storage.commits).toEqual([]) // nothing stored, nothing relayed within the turn that read them
    expect(peer.sent).toHaveLength(0)
    await turnsUntil(() => peer.sent.length >= frames.length)
    expect(storage.commits).toEqual([{ updates: 6, relayedBefore: 0 }])
    for (const ws of [a, b, peer]) expect(ws.sent.map((f) => Buffer.from(f).toString('hex'))).toEqual(frames.map((f) => Buffer.from(f).toString('hex')))
    expect(room.doc.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4, 5])
    // what was stored is the six updates: a fresh document loaded from it holds all of them
    const stored = new Y.Doc()
    Y.applyUpdate(stored, (await storage.load('r'))!)
    expect(stored.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('arriving in separate turns, are stored one transaction per turn, each relayed after its own commit', async () => {
    const storage = new NotedStorage(tmp())
    const { room, join } = fakeRoom(storage)
    open.push({ room, storage })
    const a = join().ws
    const peer = join().ws
    storage.peer = peer
    const frames = edits(3)
    for (const f of frames) {
      a.receive(f)
      await turn()
      await turn()
    }
    expect(storage.commits).toEqual([{ updates: 1, relayedBefore: 0 }, { updates: 1, relayedBefore: 1 }, { updates: 1, relayedBefore: 2 }])
    expect(peer.sent).toHaveLength(3)
  })
})
