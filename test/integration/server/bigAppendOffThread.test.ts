import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { synced } from '../../helpers/clients'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { waitFor } from '../../helpers/waitFor'
import { DATABASE_FILE } from '../../../server/storage/sqlite'
import { VISIBLE_LOG } from '../../../server/storage/stagedCompaction'

// A big update is written to SQLite by a worker thread, in parts, and committed by one small row
// (server/storage/stagedAppend.ts); the room relays it once committed. Before, its append was one
// transaction on the main thread's connection, shared by every room: no room relayed meanwhile.

const PASTES = 3
const PASTE_CHARS = 4 * 1024 * 1024

describe('a quiet room beside a room receiving big pastes', () => {
  const env = useServersOnDirs('tessera-big-append-')

  it("relays an edit before the big room's pastes are durable; each paste is relayed only once committed, and all read back after a restart", async () => {
    const dataDir = env.freshDir()
    const s1 = await env.start(dataDir)
    const big = env.client(s1, 'big')
    const bigWatcher = env.client(s1, 'big')
    const sender = env.client(s1, 'quiet')
    const watcher = env.client(s1, 'quiet')
    await Promise.all([big, bigWatcher, sender, watcher].map((c) => synced(c.provider)))
    // the pastes are stored as sent: no connection is closed and synced again meanwhile
    let drops = 0
    for (const c of [big, bigWatcher]) c.provider.on('status', (e: { status: string }) => void (e.status === 'disconnected' && drops++))

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
    try {
      // a big update being written: a record that replaces nothing (up_to 0), with its parts so far
      const staging = db.prepare<[], { id: number; parts: number }>(
        "SELECT c.id, (SELECT COUNT(*) FROM updates u WHERE u.part_of = c.id) AS parts FROM compactions c WHERE c.room = 'big' AND c.done = 0 AND c.up_to = 0",
      )
      // bytes of the room's log as readers see it (a compaction may replace pastes by a snapshot of them meanwhile)
      const visibleBytes = () => db.prepare<[{ room: string }], { n: number | null }>(`SELECT SUM(LENGTH(data)) AS n FROM updates WHERE ${VISIBLE_LOG}`).get({ room: 'big' })!.n ?? 0
      // each paste the watcher receives is in the log by then
      const atReceipt: Array<{ received: number; stored: number }> = []
      bigWatcher.doc.on('update', () => {
        const received = Math.floor(bigWatcher.doc.getText('notes').length / PASTE_CHARS)
        if (received > atReceipt.length) atReceipt.push({ received, stored: visibleBytes() })
      })

      const paste = 'x'.repeat(PASTE_CHARS)
      for (let i = 0; i < PASTES; i++) big.doc.getText('notes').insert(0, paste)
      await waitFor(() => staging.all().some((r) => r.parts > 0), { timeout: 60_000, interval: 1, message: 'a paste to be written in parts' })
      expect(visibleBytes()).toBeLessThan(PASTES * PASTE_CHARS)
      sender.doc.getMap('items').set('during', 'paste')
      await waitFor(() => watcher.doc.getMap('items').get('during') === 'paste', { timeout: 60_000, interval: 1, message: 'the quiet room relay' })
      // the quiet room did not wait for every paste to be stored
      expect(visibleBytes()).toBeLessThan(PASTES * PASTE_CHARS)

      await waitFor(() => bigWatcher.doc.getText('notes').length === PASTES * PASTE_CHARS, { timeout: 60_000, message: 'the pastes relayed' })
      expect(atReceipt.length).toBeGreaterThan(0)
      for (const r of atReceipt) expect(r.stored).toBeGreaterThanOrEqual(r.received * PASTE_CHARS)
      expect(drops).toBe(0)
      expect(s1.output()).not.toContain('append failed')
    } finally {
      db.close()
    }
    env.closeClients()
    await s1.stop()

    const s2 = await env.start(dataDir)
    const bigAgain = env.client(s2, 'big')
    const quietAgain = env.client(s2, 'quiet')
    await Promise.all([synced(bigAgain.provider, 60_000), synced(quietAgain.provider)])
    expect(bigAgain.doc.getText('notes').length).toBe(PASTES * PASTE_CHARS)
    expect(quietAgain.doc.getMap('items').get('during')).toBe('paste')
  })
})
