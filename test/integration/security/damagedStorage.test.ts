import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

/** The rows of a room's update log, read straight from the SQLite file. */
function storedRows(dataDir: string, room: string): Buffer[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY id').all(room).map((r) => Buffer.from(r.data))
  } finally {
    db.close()
  }
}

/** Damages one byte of the room's (single, compacted) stored row in the database file itself, as a disk would. */
function flipStoredByte(dataDir: string, room: string): Buffer {
  const [row] = storedRows(dataDir, room)
  const file = path.join(dataDir, DATABASE_FILE)
  const bytes = readFileSync(file)
  // the same bytes may also be kept as a version (history): damage every copy, as a bad disk sector might
  let at = bytes.indexOf(row!)
  expect(at).toBeGreaterThan(0)
  while (at >= 0) {
    // a byte early in the row: a struct header, so the update no longer decodes (the old server died on it)
    bytes[at + 12] ^= 0xff
    at = bytes.indexOf(row!, at + 1)
  }
  writeFileSync(file, bytes)
  const [damaged] = storedRows(dataDir, room)
  expect(damaged!.equals(row!)).toBe(false)
  return damaged!
}

describe('security: a damaged stored room', () => {
  const { freshDir, start, client, closeClients } = useServersOnDirs('tessera-damaged-')
  const closeCodes = (c: Client) => {
    const codes: number[] = []
    c.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0))
    return codes
  }

  it('never stops the process: the room is quarantined with its bytes intact, clients get 4423, other rooms carry on', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const writer = client(s1, 'damaged')
    const other = client(s1, 'healthy')
    await Promise.all([synced(writer.provider), synced(other.provider)])
    for (let i = 0; i < 20; i++) writer.doc.getMap('items').set(`item-${i}`, `value ${i}`)
    other.doc.getMap('items').set('fine', 'still here')
    // what a returning browser keeps locally: a copy of the board
    const localCopy = new Y.Doc()
    Y.applyUpdate(localCopy, Y.encodeStateAsUpdate(writer.doc))
    const check = client(s1, 'damaged')
    await waitFor(async () => (await synced(check.provider), check.doc.getMap('items').size === 20), { message: 'the edits to be stored' })
    await waitFor(() => other.provider.synced && storedRows(dir, 'healthy').length > 0)
    closeClients()
    expect(await s1.stop()).toBe(0)

    const damaged = flipStoredByte(dir, 'damaged')
    const s2 = await start(dir)
    const returning = client(s2, 'damaged', localCopy)
    const fresh = client(s2, 'damaged')
    const returningCodes = closeCodes(returning)
    const freshCodes = closeCodes(fresh)
    await waitFor(() => returningCodes.includes(4423) && freshCodes.includes(4423), { message: 'both clients to be told the room is damaged', timeout: 10_000 })
    // the fresh client was never handed the damaged bytes as a (seemingly empty) room
    expect(fresh.doc.getMap('items').size).toBe(0)
    expect(fresh.provider.synced).toBe(false)

    // the process is alive and every other room works
    expect(s2.proc.exitCode).toBeNull()
    const healthz = await fetch(`${s2.url}/healthz`)
    expect(healthz.status).toBe(200)
    const reader = client(s2, 'healthy')
    await synced(reader.provider)
    expect(reader.doc.getMap('items').get('fine')).toBe('still here')
    const metrics = await (await fetch(`${s2.url}/metrics`)).text()
    expect(metrics).toMatch(/^tessera_rooms_quarantined 1$/m)
    expect(s2.output()).toContain('room quarantined')

    // a returning client tries again (a stock provider reconnects): still refused, process still up
    const again = client(s2, 'damaged', localCopy)
    const againCodes = closeCodes(again)
    await waitFor(() => againCodes.includes(4423), { message: 'a second attempt to be refused too' })
    closeClients()
    expect(await s2.stop()).toBe(0)
    // the stored bytes are exactly the damaged ones: never overwritten by an empty document
    const after = storedRows(dir, 'damaged')
    expect(after).toHaveLength(1)
    expect(after[0]!.equals(damaged)).toBe(true)
  })
})
