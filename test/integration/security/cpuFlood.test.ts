import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'
import { awaitCloseFrame, clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'

/** A 12-byte update: one insert at the start of array `a`, from client `client` (each from a new id makes Yjs compare it with all earlier ones). */
function insertAtStart(client: number): Uint8Array {
  const d = new Y.Doc()
  d.clientID = client
  d.getArray('a').insert(0, [1])
  return Y.encodeStateAsUpdate(d)
}

/** An update that can never integrate: the structs of a new client from clock 5 on, clocks 0–4 never sent. */
function neverIntegrable(client: number): Uint8Array {
  const d = new Y.Doc()
  d.clientID = client
  for (let i = 0; i < 6; i++) d.getArray('a').insert(0, [i])
  const known = new Y.Doc()
  known.clientID = client
  for (let i = 0; i < 5; i++) known.getArray('a').insert(0, [i])
  return Y.encodeStateAsUpdate(d, Y.encodeStateVector(known))
}

/** Floods `room` from `connections` raw sockets one after another (a new one when the last is closed); resolves with their close codes. */
async function flood(port: number, room: string, updates: Uint8Array[], connections: number): Promise<number[]> {
  const per = Math.ceil(updates.length / connections)
  const codes: number[] = []
  for (let c = 0; c < connections; c++) {
    const { socket, rest } = await upgradeRaw(port, room)
    const frames = updates.slice(c * per, (c + 1) * per).map((u) => clientFrame(encodeUpdate(u)))
    socket.write(Buffer.concat(frames))
    codes.push((await awaitCloseFrame(socket, rest).catch(() => ({ code: 0 }))).code)
  }
  return codes
}

/**
 * How long the process's main thread has waited for a CPU while ready to run (ms): Linux
 * /proc/PID/schedstat (run time, run-queue wait, time slices, in ns); null where there is none.
 */
function runQueueWaitMs(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6
  } catch {
    return null
  }
}

describe('security: a CPU flood in one room does not stall the others', () => {
  const env = useServerWithClients()
  const client = (room: string) => env.client(room)

  /**
   * Sends an edit from `a` every 100 ms until `done` and checks that each reaches `b` within 1 s
   * of the server's own time (as a behaviour: the edit arrives while the flood runs). The server's
   * own time is wall time minus the time its event loop waited for a CPU while ready to run
   * (other processes' turns on a loaded machine, e.g. a CI box running other suites): on an idle
   * machine the same as wall time; where the wait cannot be read, wall time. Resolves with how
   * many were sent.
   */
  async function relaysKeepFlowing(a: Client, b: Client, done: () => boolean): Promise<number> {
    const pid = env.server.proc.pid!
    let n = 0
    while (!done() || n < 5) {
      const key = `k${n++}`
      const wallFrom = Date.now()
      const waitFrom = runQueueWaitMs(pid)
      a.doc.getMap('items').set(key, Date.now())
      for (;;) {
        if (b.doc.getMap('items').has(key)) break
        const wall = Date.now() - wallFrom
        const waitNow = runQueueWaitMs(pid)
        const own = waitFrom !== null && waitNow !== null ? wall - (waitNow - waitFrom) : wall
        if (own > 1_000) throw new Error(`edit ${key} was not relayed within 1 s of the server's own time during the flood (${wall} ms of wall time)`)
        if (wall > 60_000) throw new Error(`edit ${key} was not relayed within 60 s`)
        await new Promise((r) => setTimeout(r, 5))
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    return n
  }

  it('5,000 inserts from new client ids: an innocent room relays within 1 s of the server\'s own time, the flooders are closed with 4429', async () => {
    const a = client('innocent-1')
    const b = client('innocent-1')
    await Promise.all([synced(a.provider), synced(b.provider)])
    const updates = Array.from({ length: 5_000 }, (_, i) => insertAtStart(1_000 + i))
    let finished = false
    const flooding = flood(env.server.port, 'flood-clients', updates, 5).finally(() => (finished = true))
    const sent = await relaysKeepFlowing(a, b, () => finished)
    const codes = await flooding
    expect(sent).toBeGreaterThanOrEqual(5)
    expect(codes.filter((c) => c === 4429).length).toBeGreaterThanOrEqual(4)
    expect(env.server.output()).toContain('too many new client ids')
    const health = await fetch(`${env.server.url}/healthz`, { signal: AbortSignal.timeout(1_000) })
    expect(health.status).toBe(200)
  })

  it('3,000 updates that can never integrate: an innocent room relays within 1 s of the server\'s own time, nothing of them is kept waiting', async () => {
    const a = client('innocent-2')
    const b = client('innocent-2')
    await Promise.all([synced(a.provider), synced(b.provider)])
    const updates = Array.from({ length: 3_000 }, (_, i) => neverIntegrable(100_000 + i))
    let finished = false
    const flooding = flood(env.server.port, 'flood-pending', updates, 3).finally(() => (finished = true))
    await relaysKeepFlowing(a, b, () => finished)
    const codes = await flooding
    expect(codes.every((c) => c === 4429)).toBe(true)
    expect(env.server.output()).toContain('too many pending structs')
    // the flooded room still works for a real client
    const late = client('flood-pending')
    const late2 = client('flood-pending')
    await Promise.all([synced(late.provider), synced(late2.provider)])
    late.doc.getMap('items').set('after', 1)
    await waitFor(() => late2.doc.getMap('items').get('after') === 1, { message: 'an edit in the flooded room' })
  })
})
