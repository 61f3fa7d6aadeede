import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'
import { awaitCloseFrame, clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

const CAP = 60_000

function storedBytes(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare<[string], { n: number | null }>('SELECT SUM(LENGTH(data)) AS n FROM updates WHERE room = ?').get(room)!.n ?? 0
  } finally {
    db.close()
  }
}

describe('a room has a size cap (--max-room-bytes)', () => {
  let server: RunningServer
  const clients: Client[] = []
  const client = (room: string) => {
    const c = newClient(server.wsUrl, room)
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_MAX_ROOM_BYTES: String(CAP) } })
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.dispose()
  })

  it('an update that would take the room past the cap closes its sender with 4413; nothing of it is stored, everyone else carries on', async () => {
    const writer = client('capped')
    const bystander = client('capped')
    await Promise.all([synced(writer.provider), synced(bystander.provider)])
    writer.doc.getText('notes').insert(0, 'a'.repeat(40_000))
    await waitFor(() => bystander.doc.getText('notes').length === 40_000, { message: 'the first 40 KB to arrive' })
    const before = storedBytes(server.dataDir, 'capped')
    expect(before).toBeGreaterThanOrEqual(40_000)

    // Another 40 KB from another sender would make ~80 KB: over the 60 KB cap.
    const big = new Y.Doc()
    big.getText('other').insert(0, 'b'.repeat(40_000))
    const { socket, rest } = await upgradeRaw(server.port, 'capped')
    socket.write(clientFrame(encodeUpdate(Y.encodeStateAsUpdate(big))))
    const closed = await awaitCloseFrame(socket, rest)
    expect(closed.code).toBe(4413)
    expect(closed.reason).toMatch(/room full/)

    // Nothing of it stored or relayed; the room's users stay connected and keep editing.
    expect(storedBytes(server.dataDir, 'capped')).toBe(before)
    writer.doc.getText('notes').insert(0, 'still here ')
    await waitFor(() => bystander.doc.getText('notes').toString().startsWith('still here '), { message: 'a small edit after the refusal' })
    expect(bystander.doc.getText('other').length).toBe(0)
    expect(writer.provider.wsconnected && bystander.provider.wsconnected).toBe(true)

    // Another room is untouched and the process is alive.
    const a = client('elsewhere')
    const b = client('elsewhere')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('m').set('k', 'v')
    await waitFor(() => b.doc.getMap('m').get('k') === 'v', { message: 'another room to relay' })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/tessera_rejected_total\{reason="room full"\} 1/)
    expect(server.output()).toMatch(/its update would make the room too big/)
  })
})
