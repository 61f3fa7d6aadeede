import WebSocket from 'ws'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { TRIAL_MAX_BYTES } from '../../../server/limits/trialApply'
import type { RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { UNAPPLICABLE_DS, updateFrame } from '../../helpers/poisonUpdates'
import { api, createRoom } from '../sharing/helpers'

// --offload-apply-ms (server/roomAway.ts): a room whose updates cost the main thread more than
// that much Yjs CPU a second has its document on the room host thread; the main thread appends,
// relays and answers everything else. Behaviour only: the rooms involved and what reaches whom.

/** One sample of /metrics (NaN when the metric is missing). */
async function metric(s: RunningServer, name: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
}

/** `n` map entries `prefix0…` in one transaction of `c` (one update of about 20 bytes an entry). */
function burst(c: Client, prefix: string, n: number): void {
  c.doc.transact(() => {
    for (let i = 0; i < n; i++) c.doc.getMap('items').set(`${prefix}${i}`, i)
  })
}

/** Sends edits until the room's document is on the room host (its Yjs CPU passed the threshold). */
async function pushAway(s: RunningServer, writer: Client, prefix: string): Promise<number> {
  let sent = 0
  await waitFor(async () => {
    burst(writer, `${prefix}${sent}-`, 2_000)
    sent++
    return (await metric(s, 'tessera_rooms_away')) >= 1
  }, { timeout: 60_000, interval: 300, message: 'the busy room to go to the room host' })
  return sent * 2_000
}

describe('busy rooms on the room host thread (--offload-apply-ms)', () => {
  const env = useServersOnDirs('tessera-away-')
  const start = (dir: string, extra: string[] = []) => env.start(dir, { args: ['--open', '--offload-apply-ms', '20', ...extra] })

  it('a room over the threshold goes away, relays and stores what it gets there; a late joiner and a restart see everything', async () => {
    const dir = env.freshDir()
    const s1 = await start(dir)
    const writer = env.client(s1, 'busy')
    const watcher = env.client(s1, 'busy')
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    expect(await metric(s1, 'tessera_rooms_away')).toBe(0)
    const before = await pushAway(s1, writer, 'a')
    // edits made while away are applied there and relayed
    burst(writer, 'away-', 500)
    writer.doc.getMap('items').set('last', 'away')
    await waitFor(() => watcher.doc.getMap('items').get('last') === 'away', { timeout: 30_000, message: 'the edit made while away to be relayed' })
    expect(watcher.doc.getMap('items').size).toBe(before + 501)
    expect(await metric(s1, 'tessera_rooms_away')).toBe(1)

    const late = env.client(s1, 'busy')
    await synced(late.provider, 30_000)
    await waitFor(() => late.doc.getMap('items').size === before + 501, { timeout: 30_000, message: 'the late joiner to get everything' })
    // answered by the room host: the room stayed away
    expect(await metric(s1, 'tessera_rooms_away')).toBe(1)
    expect(await metric(s1, 'tessera_room_homecomings_total')).toBe(0)
    // and the room still takes edits (wherever its document is now)
    late.doc.getMap('items').set('late', 1)
    await waitFor(() => writer.doc.getMap('items').get('late') === 1, { timeout: 30_000, message: "the late joiner's edit" })

    env.closeClients()
    await s1.stop()
    const s2 = await start(dir)
    const again = env.client(s2, 'busy')
    await synced(again.provider, 30_000)
    expect(again.doc.getMap('items').size).toBe(before + 502)
    expect(again.doc.getMap('items').get('last')).toBe('away')
  }, 180_000)

  it('an idle away room goes dormant without its document coming home; an edit wakes it and nothing is lost', async () => {
    const s = await start(env.freshDir(), ['--idle-doc-seconds', '1'])
    const writer = env.client(s, 'idle-away')
    await synced(writer.provider)
    const before = await pushAway(s, writer, 'i')
    await waitFor(async () => (await metric(s, 'tessera_rooms_dormant')) === 1, { timeout: 30_000, message: 'the idle away room to go dormant' })
    expect(await metric(s, 'tessera_rooms_away')).toBe(0)
    expect(await metric(s, 'tessera_room_homecomings_total')).toBe(0)
    const late = env.client(s, 'idle-away')
    await synced(late.provider, 30_000)
    expect(late.doc.getMap('items').size).toBe(before)
    late.doc.getMap('items').set('woke', 1)
    await waitFor(() => writer.doc.getMap('items').get('woke') === 1, { timeout: 30_000, message: 'an edit after the sleep' })
  }, 120_000)

  it('a quiet room is relayed while the room host still applies a huge update of the busy room', async () => {
    const s = await start(env.freshDir())
    const writer = env.client(s, 'huge')
    const watcher = env.client(s, 'huge')
    const quietA = env.client(s, 'quiet')
    const quietB = env.client(s, 'quiet')
    await Promise.all([writer, watcher, quietA, quietB].map((c) => synced(c.provider)))
    const before = await pushAway(s, writer, 'p')
    await waitFor(() => watcher.doc.getMap('items').size === before, { timeout: 30_000, message: 'the edits that sent the room away' })

    const arrivals: string[] = []
    let inFlightWhenQuietArrived: Promise<number> | null = null
    watcher.doc.getMap('items').observe((e) => {
      if (e.keysChanged.has('h59999')) arrivals.push('huge')
    })
    quietB.doc.getMap('items').observe((e) => {
      if (!e.keysChanged.has('quiet')) return
      arrivals.push('quiet')
      inFlightWhenQuietArrived = metric(s, 'tessera_room_host_batches_in_flight')
    })
    burst(writer, 'h', 60_000)
    // the server answers /metrics while the room host applies it (the main thread is free)
    await waitFor(async () => (await metric(s, 'tessera_room_host_batches_in_flight')) >= 1, {
      timeout: 60_000, interval: 20, message: 'the huge update to be under way on the room host',
    })
    quietA.doc.getMap('items').set('quiet', 1)
    await waitFor(() => arrivals.length === 2, { timeout: 60_000, message: 'both relays' })
    expect(arrivals).toEqual(['quiet', 'huge'])
    expect(await inFlightWhenQuietArrived).toBeGreaterThanOrEqual(1)
    // only the busy room went away
    expect(await metric(s, 'tessera_rooms_away')).toBe(1)
  }, 180_000)

  it('an update that throws on the room host poisons the room: its sender is refused, the room reloads without it, nothing else is lost', async () => {
    const s = await start(env.freshDir())
    const writer = env.client(s, 'poison')
    const watcher = env.client(s, 'poison')
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    const closes: number[] = []
    watcher.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0))
    const before = await pushAway(s, writer, 'k')
    writer.doc.getMap('items').set('kept', 'yes')
    await waitFor(() => watcher.doc.getMap('items').get('kept') === 'yes', { timeout: 30_000, message: 'the last good edit' })

    // past the door's trial (too big to try there): it reaches the room and throws when applied
    const d = new Y.Doc()
    d.getMap('padding').set('p', 'x'.padEnd(TRIAL_MAX_BYTES, 'x'))
    const bad = Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
    const code = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${s.wsUrl}/poison`)
      const timer = setTimeout(() => (ws.terminate(), reject(new Error('the sender was not closed'))), 60_000)
      ws.on('open', () => ws.send(updateFrame(bad)))
      ws.on('close', (c) => (clearTimeout(timer), resolve(c)))
      ws.on('error', () => {})
    })
    expect(code).toBe(4400)
    // it threw on the room host: the room never came home before
    expect(await metric(s, 'tessera_room_homecomings_total')).toBe(0)
    await waitFor(() => closes.includes(1012), { timeout: 30_000, message: 'the others told to reconnect' })
    expect(s.output()).toContain('reloading the room from storage without it')
    const check = env.client(s, 'poison')
    await synced(check.provider, 30_000)
    await waitFor(() => check.doc.getMap('items').size === before + 1, { timeout: 30_000, message: 'everything but the bad update' })
    expect(check.doc.getMap('items').get('kept')).toBe('yes')
    expect(check.doc.getMap('padding').has('p')).toBe(false)
  }, 180_000)

  it('a server edit (a rename) brings an away room home and is relayed; a forged title is written back', async () => {
    const s = await start(env.freshDir())
    const room = await createRoom(s, 'Before')
    const token = { token: room.ownerToken }
    const writer = newClient(s.wsUrl, room.room, { params: { token: room.ownerToken } })
    onTestFinished(() => writer.destroy())
    await synced(writer.provider)
    await pushAway(s, writer, 'r')
    const homeBefore = await metric(s, 'tessera_room_homecomings_total')
    expect((await api(s, 'PATCH', `/api/rooms/${room.room}`, { ...token, body: { title: 'After' } })).status).toBe(200)
    await waitFor(() => writer.doc.getMap('meta').get('title') === 'After', { timeout: 30_000, message: 'the rename to reach the client' })
    expect(await metric(s, 'tessera_room_homecomings_total')).toBeGreaterThan(homeBefore)

    // away again, then a client forges the title: the server writes the authoritative one back
    await pushAway(s, writer, 'f')
    writer.doc.getMap('meta').set('title', 'Forged')
    await waitFor(() => writer.doc.getMap('meta').get('title') === 'After', { timeout: 30_000, message: 'the title written back' })
  }, 180_000)
})
