import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { SqliteStorage } from '../../../server/storage/sqlite'
import { tmpDir } from '../../helpers/tmpDir'
import { newPeer, ProviderPeer, type Peer } from './peers'

const MB = 1024 * 1024

/** A string of `bytes` ASCII characters that does not compress to nothing. */
function text(bytes: number, seed: number): string {
  const chunk = Array.from({ length: 1024 }, (_, i) => String.fromCharCode(33 + ((i * 7 + seed) % 90))).join('')
  return chunk.repeat(Math.ceil(bytes / 1024)).slice(0, bytes)
}

/**
 * Large documents with the default limits, like the reference (100 MiB messages): a 20 MB single
 * update arrives everywhere, and a 50 MB board reaches a late joiner on a stock client, each without
 * a 1009 and without a reconnect loop (one socket per client for the whole test).
 */
describe('interop: large documents with the default limits', () => {
  let server: RunningServer
  const bigServerDir = tmpDir('tessera-big-')
  const peers: Peer[] = []
  const peer = (room: string, flavor: 'yws3' | 'yws1' | 'yrs' = 'yws3') => {
    const p = newPeer(flavor, server.wsUrl, room)
    peers.push(p)
    return p
  }
  const healthy = (p: Peer) => ({ flavor: p.flavor, sockets: p.sockets, closes: p.closeCodes, changes: p.statusChanges })

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_UNLOAD_GRACE_MS: '200' } })
  })
  afterAll(async () => {
    for (const p of peers) p.destroy()
    await server.dispose()
    bigServerDir.remove()
  })

  it('a 20 MB single update reaches every client (and comes back to its sender) without a 1009', async () => {
    const [a, b, c] = [peer('big-update'), peer('big-update', 'yws1'), peer('big-update', 'yrs')]
    await waitFor(() => a.synced && b.synced && c.synced, { message: 'three clients to sync' })
    const big = text(20 * MB, 1)
    a.set('big', big)
    a.set('after-big', 'yes') // updates arrive in order: once this is there, so is the big one
    await waitFor(() => b.get('after-big') === 'yes' && c.get('after-big') === 'yes', { timeout: 45_000, interval: 200, message: 'the 20 MB update to arrive' })
    expect(b.get('big') === big && c.get('big') === big).toBe(true)
    for (const p of [a, b, c]) expect(healthy(p)).toEqual({ flavor: p.flavor, sockets: 1, closes: [], changes: [] })
    for (const p of [a, b, c]) p.destroy()
  }, 90_000)

  it('a 50 MB board reaches a late joiner on a stock client in one connection', async () => {
    // 2,500 sticky notes of 20 KB each, stored as the board of a room (written in 25 transactions,
    // as an editor would over time), in the data dir of a server that is not running yet
    const board = new Y.Doc()
    const items = board.getMap('items')
    const storage = new SqliteStorage(bigServerDir.dir)
    for (let t = 0; t < 25; t++) {
      const before = Y.encodeStateVector(board)
      board.transact(() => {
        for (let i = t * 100; i < (t + 1) * 100; i++) {
          const item = new Y.Map<unknown>()
          item.set('type', 'sticky')
          item.set('x', i)
          item.set('y', i)
          item.set('text', text(20 * 1024, i))
          items.set(`note-${i}`, item)
        }
      })
      storage.appendSync('big-board', [Y.encodeStateAsUpdate(board, before)])
    }
    expect(Y.encodeStateAsUpdate(board).length).toBeGreaterThan(50_000_000)
    board.destroy()
    await storage.close()
    const bigServer = await startServer({ args: ['--open'], dataDir: bigServerDir.dir })
    try {
      const late = newPeer('yws3', bigServer.wsUrl, 'big-board') as ProviderPeer
      peers.push(late)
      await waitFor(() => late.synced, { timeout: 60_000, interval: 200, message: 'the late joiner to sync' })
      expect(late.doc.getMap('items').size).toBe(2500)
      expect((late.doc.getMap('items').get('note-1234') as Y.Map<unknown>).get('text')).toBe(text(20 * 1024, 1234))
      expect(healthy(late)).toEqual({ flavor: 'yws3', sockets: 1, closes: [], changes: [] })
    } finally {
      await bigServer.dispose()
    }
  }, 120_000)
})
