import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { tmpDir } from '../../helpers/tmpDir'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

function storedRowCount(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE room = ?').get(room)!.n
  } finally {
    db.close()
  }
}

async function metric(s: RunningServer, name: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text()
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

describe('compaction off the main thread', () => {
  const servers: RunningServer[] = []
  const clients: Client[] = []
  const dir = tmpDir('tessera-compact-worker-')

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.dispose()
  })
  afterAll(() => dir.remove())

  it('a worker thread builds the snapshot from the stored log; the room reads back whole after a restart', async () => {
    const s1 = await startServer({ args: ['--open'], dataDir: dir.dir, keepData: true })
    servers.push(s1)
    const writer = newClient(s1.wsUrl, 'grown')
    clients.push(writer)
    await synced(writer.provider)
    const items = writer.doc.getMap('items')
    // 600 separate updates: past the 500-row threshold, so the log is compacted once the room is quiet.
    for (let i = 0; i < 600; i++) items.set(`k${i}`, i)
    items.delete('k0')
    await waitFor(async () => (await metric(s1, 'tessera_compactions_off_thread_total')) >= 1, { timeout: 20_000, message: 'a compaction in the worker' })
    expect(await metric(s1, 'tessera_compactions_total')).toBeGreaterThanOrEqual(1)
    await waitFor(() => storedRowCount(dir.dir, 'grown') === 1, { message: 'the log to be one snapshot' })
    await s1.stop()

    const s2 = await startServer({ args: ['--open'], dataDir: dir.dir, keepData: true })
    servers.push(s2)
    const reader = newClient(s2.wsUrl, 'grown')
    clients.push(reader)
    await synced(reader.provider)
    const read = reader.doc.getMap('items')
    expect(read.size).toBe(599)
    expect(read.has('k0')).toBe(false)
    expect(read.get('k599')).toBe(599)
  })
})
