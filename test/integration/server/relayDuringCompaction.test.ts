import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { synced } from '../../helpers/clients'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { waitFor } from '../../helpers/waitFor'
import { DATABASE_FILE } from '../../../server/storage/sqlite'
import { VISIBLE_LOG } from '../../../server/storage/stagedCompaction'

// A compaction's big rows are written by the snapshot worker beside the log, in short
// transactions (server/storage/stagedCompaction.ts). Before, the whole write was one transaction
// on the main thread's connection, shared by every room: no room relayed anything meanwhile.

/** 3 × 4 MB: past the 4 MB byte threshold, so the room's log is compacted once it is quiet for a second */
const PASTES = 3
const PASTE_CHARS = 4 * 1024 * 1024

describe('a quiet room while another room is compacted', () => {
  const env = useServersOnDirs('tessera-relay-compaction-')

  it("relays an edit while the big room's compaction is being written, and both rooms read back whole after a restart", async () => {
    const dataDir = env.freshDir()
    const s1 = await env.start(dataDir)
    const big = env.client(s1, 'big')
    const sender = env.client(s1, 'quiet')
    const watcher = env.client(s1, 'quiet')
    await Promise.all([synced(big.provider), synced(sender.provider), synced(watcher.provider)])

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
    try {
      // a compaction being written (not a big append being written: that record has up_to = 0, see server/storage/stagedAppend.ts)
      const staging = db.prepare<[], { id: number }>("SELECT id FROM compactions WHERE room = 'big' AND done = 0 AND up_to > 0")
      const partsOf = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE part_of = ?')
      const paste = 'x'.repeat(PASTE_CHARS)
      for (let i = 0; i < PASTES; i++) big.doc.getText('notes').insert(0, paste)

      // the worker has begun writing the compaction's snapshot (its first part is committed)
      let compaction = 0
      await waitFor(
        () => {
          const row = staging.get()
          if (row && partsOf.get(row.id)!.n > 0) compaction = row.id
          return compaction > 0
        },
        { timeout: 60_000, interval: 2, message: "the big room's compaction to be written" },
      )
      sender.doc.getMap('items').set('during', 'compaction')
      await waitFor(() => watcher.doc.getMap('items').get('during') === 'compaction', { timeout: 60_000, interval: 1, message: 'the quiet room relay' })
      // …and the relay arrived before the compaction was committed
      expect(staging.get()?.id).toBe(compaction)

      await waitFor(() => staging.get() === undefined, { timeout: 60_000, message: 'the compaction to be committed' })
      // every paste is stored before the server stops (a paste is written once it is tried, big ones off the main thread)
      const stored = db.prepare<[{ room: string }], { n: number | null }>(`SELECT SUM(LENGTH(data)) AS n FROM updates WHERE ${VISIBLE_LOG}`)
      await waitFor(() => (stored.get({ room: 'big' })!.n ?? 0) >= PASTES * PASTE_CHARS, { timeout: 60_000, message: 'every paste stored' })
    } finally {
      db.close()
    }
    await s1.stop()

    const s2 = await env.start(dataDir)
    const bigAgain = env.client(s2, 'big')
    const quietAgain = env.client(s2, 'quiet')
    await Promise.all([synced(bigAgain.provider, 60_000), synced(quietAgain.provider)])
    expect(bigAgain.doc.getText('notes').length).toBe(PASTES * PASTE_CHARS)
    expect(quietAgain.doc.getMap('items').get('during')).toBe('compaction')
  })
})
