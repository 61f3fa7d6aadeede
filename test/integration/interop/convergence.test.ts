import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { FLAVORS, FLAVOR_NAMES, newPeer, type Peer } from './peers'

/**
 * Every published y-websocket client and a yrs client in one room on `tessera serve --open`:
 * they converge, late joiners get the history, presence comes and goes, and all of them carry on
 * after a server restart. One server for the file.
 */
describe('interop: every client in one room', () => {
  let server: RunningServer
  /** servers stopped for a restart; the first owns the data dir, removed last */
  const stopped: RunningServer[] = []
  const peers = new Map<string, Peer>()
  const all: Peer[] = []
  const room = 'interop/all clients'

  const join = (flavor: (typeof FLAVORS)[number], label: string = flavor) => {
    const p = newPeer(flavor, server.wsUrl, room)
    peers.set(label, p)
    all.push(p)
    return p
  }
  const everyoneSees = (key: string, value: string, who: Iterable<Peer> = peers.values()) =>
    waitFor(() => [...who].every((p) => p.get(key) === value), { timeout: 15_000, message: `every client to see ${key}=${value}` })

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_UNLOAD_GRACE_MS: '200' } })
  })
  afterAll(async () => {
    for (const p of all) p.destroy()
    await server.dispose()
    for (const s of stopped) await s.dispose()
  })

  it('each client converges with all the others', async () => {
    for (const f of FLAVORS) join(f)
    await waitFor(() => [...peers.values()].every((p) => p.synced), { timeout: 15_000, message: 'every client to sync' })
    for (const f of FLAVORS) peers.get(f)!.set(`by-${f}`, FLAVOR_NAMES[f])
    for (const f of FLAVORS) await everyoneSees(`by-${f}`, FLAVOR_NAMES[f])
  })

  it.each(FLAVORS)('a late %s client gets the whole history', async (flavor) => {
    const late = join(flavor, `late-${flavor}`)
    await waitFor(() => late.synced, { timeout: 15_000, message: 'the late joiner to sync' })
    for (const f of FLAVORS) expect(late.get(`by-${f}`)).toBe(FLAVOR_NAMES[f])
  })

  it('presence comes and goes between every kind of client', async () => {
    for (const f of FLAVORS) peers.get(f)!.setPresence({ user: { name: f, color: '#123456' }, cursor: null })
    const others = (f: string) => FLAVORS.filter((g) => g !== f)
    for (const f of FLAVORS) {
      await waitFor(() => others(f).every((g) => peers.get(f)!.othersNames().includes(g)), { timeout: 10_000, message: `${f} to see everyone's presence` })
    }
    // each kind leaves in turn; everyone still there sees it go
    const leaving = ['yws1', 'yrs'] as const
    for (const f of leaving) {
      peers.get(f)!.destroy()
      peers.delete(f)
      for (const [label, p] of peers) {
        if (label.startsWith('late-')) continue
        await waitFor(() => !p.othersNames().includes(f), { timeout: 10_000, message: `${label} to see ${f} leave` })
      }
    }
  })

  it('every client carries on after a server restart, and nothing is lost', async () => {
    const stayers = [...peers.values()]
    await server.stop()
    await waitFor(() => stayers.every((p) => !p.connected), { message: 'every client to notice the server went away' })
    stopped.push(server)
    server = await startServer({ args: ['--open'], port: server.port, dataDir: server.dataDir })
    {
      await waitFor(() => stayers.every((p) => p.connected && p.synced), { timeout: 20_000, message: 'every client to reconnect and resync' })
      for (const p of stayers) p.set(`after-restart-${p.flavor}`, 'yes')
      for (const p of stayers) await everyoneSees(`after-restart-${p.flavor}`, 'yes', stayers)
      for (const f of FLAVORS) for (const p of stayers) expect(p.get(`by-${f}`)).toBe(FLAVOR_NAMES[f])
      // a client that joins only now reads all of it from storage
      const fresh = newPeer('yrs', server.wsUrl, room)
      all.push(fresh)
      await waitFor(() => fresh.synced, { timeout: 15_000, message: 'a fresh client to sync' })
      for (const p of stayers) expect(fresh.get(`after-restart-${p.flavor}`)).toBe('yes')
    }
  })
})
