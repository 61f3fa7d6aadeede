import path from 'node:path'
import { readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { type RunningServer } from '../../helpers/server'
import { synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

/** One sample of /metrics (NaN when the metric is missing). */
async function metric(s: RunningServer, name: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
}

function storedRows(dataDir: string, room: string): Buffer[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY id').all(room).map((r) => Buffer.from(r.data))
  } finally {
    db.close()
  }
}

describe('sync server: dormant rooms (documents held as encoded bytes)', () => {
  const env = useServersOnDirs('tessera-dormant-')
  const { freshDir, client, closeClients } = env
  const start = (dataDir: string, idleSeconds = 1) => env.start(dataDir, { args: ['--open', '--idle-doc-seconds', String(idleSeconds)] })

  it('a room idle past --idle-doc-seconds drops its document with a client still in it, serves a late joiner the whole board and presence, wakes for an edit, and keeps it across a restart', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const writer = client(s1, 'idle')
    await synced(writer.provider)
    const items = writer.doc.getMap('items')
    writer.doc.transact(() => {
      for (let i = 0; i < 200; i++) items.set(`item-${i}`, { x: i, y: i * 2, text: `note ${i}` })
    })
    writer.provider.awareness.setLocalStateField('user', { name: 'Writer' })
    // the room goes dormant while the writer is still connected
    await waitFor(async () => (await metric(s1, 'tessera_rooms_dormant')) === 1, { message: 'the idle room to go dormant', timeout: 15_000 })
    expect(await metric(s1, 'tessera_rooms_loaded')).toBe(1)
    const wakesBefore = await metric(s1, 'tessera_room_wakes_total')

    const late = client(s1, 'idle')
    await synced(late.provider)
    await waitFor(() => late.doc.getMap('items').size === 200, { message: 'the late joiner to get the whole board' })
    expect(late.doc.getMap('items').get('item-199')).toEqual({ x: 199, y: 398, text: 'note 199' })
    // presence needs no document: the late joiner sees the writer, the writer sees the late joiner
    await waitFor(() => [...late.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Writer'), {
      message: "the writer's presence to reach the late joiner",
    })
    late.provider.awareness.setLocalStateField('user', { name: 'Late' })
    await waitFor(() => [...writer.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Late'), {
      message: "the late joiner's presence to reach the writer",
    })
    // joining and presence did not build the document
    expect(await metric(s1, 'tessera_rooms_dormant')).toBe(1)
    expect(await metric(s1, 'tessera_room_wakes_total')).toBe(wakesBefore)

    // an edit wakes the room, is relayed, and the room sleeps again afterwards
    late.doc.getMap('items').set('late-item', { x: -1, y: -1, text: 'from the late joiner' })
    await waitFor(() => writer.doc.getMap('items').has('late-item'), { message: 'the edit to reach the writer' })
    expect(await metric(s1, 'tessera_room_wakes_total')).toBe(wakesBefore + 1)
    await waitFor(async () => (await metric(s1, 'tessera_rooms_dormant')) === 1, { message: 'the room to go dormant again', timeout: 15_000 })

    closeClients()
    expect(await s1.stop()).toBe(0)
    const s2 = await start(dir)
    const reader = client(s2, 'idle')
    await synced(reader.provider)
    await waitFor(() => reader.doc.getMap('items').size === 201, { message: 'the board after the restart' })
    expect(reader.doc.getMap('items').get('late-item')).toEqual({ x: -1, y: -1, text: 'from the late joiner' })
  })

  it('a stored room is answered from its bytes: its first joiners sync the whole board and no document is built', async () => {
    const dir = freshDir()
    const s1 = await start(dir, 30)
    const writer = client(s1, 'cold')
    await synced(writer.provider)
    writer.doc.transact(() => {
      for (let i = 0; i < 500; i++) writer.doc.getMap('items').set(`item-${i}`, { x: i })
    })
    const check = client(s1, 'cold')
    await waitFor(async () => (await synced(check.provider), check.doc.getMap('items').size === 500), { message: 'the board to be stored' })
    closeClients()
    expect(await s1.stop()).toBe(0)

    const s2 = await start(dir, 30)
    const first = client(s2, 'cold')
    const second = client(s2, 'cold')
    await Promise.all([synced(first.provider), synced(second.provider)])
    await waitFor(() => first.doc.getMap('items').size === 500 && second.doc.getMap('items').size === 500, { message: 'both joiners to get the board' })
    // give a (wrongly) scheduled build time to happen: the old server built it a second after the first join
    await new Promise((r) => setTimeout(r, 1_500))
    expect(await metric(s2, 'tessera_rooms_loaded')).toBe(1)
    expect(await metric(s2, 'tessera_rooms_dormant')).toBe(1)
    expect(await metric(s2, 'tessera_room_wakes_total')).toBe(0)
    // nothing was written back either: the stored snapshot is the one row it was
    expect(storedRows(dir, 'cold')).toHaveLength(1)
  })

  it('damaged stored bytes are still quarantined with a dormant start: 4423, never served, never woken, bytes kept', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const writer = client(s1, 'broken')
    await synced(writer.provider)
    for (let i = 0; i < 20; i++) writer.doc.getMap('items').set(`item-${i}`, `value ${i}`)
    const check = client(s1, 'broken')
    await waitFor(async () => (await synced(check.provider), check.doc.getMap('items').size === 20), { message: 'the edits to be stored' })
    closeClients()
    expect(await s1.stop()).toBe(0)
    // one byte of the stored row flipped in the database file, as a bad disk would
    const [row] = storedRows(dir, 'broken')
    const file = path.join(dir, DATABASE_FILE)
    const bytes = readFileSync(file)
    for (let at = bytes.indexOf(row!); at >= 0; at = bytes.indexOf(row!, at + 1)) bytes[at + 12] ^= 0xff
    writeFileSync(file, bytes)
    const [damaged] = storedRows(dir, 'broken')

    const s2 = await start(dir)
    const fresh = client(s2, 'broken')
    const codes: number[] = []
    fresh.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0))
    await waitFor(() => codes.includes(4423), { message: 'the joiner to be told the room is damaged', timeout: 10_000 })
    expect(fresh.doc.getMap('items').size).toBe(0)
    expect(await metric(s2, 'tessera_rooms_quarantined')).toBe(1)
    expect(await metric(s2, 'tessera_rooms_dormant')).toBe(0)
    expect(await metric(s2, 'tessera_room_wakes_total')).toBe(0)
    closeClients()
    expect(await s2.stop()).toBe(0)
    expect(storedRows(dir, 'broken')[0]!.equals(damaged!)).toBe(true)
  })
})
