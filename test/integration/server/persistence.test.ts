import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { tmpDir } from '../../helpers/tmpDir'

describe('sync server: durability', () => {
  const servers: RunningServer[] = []
  const clients: Client[] = []
  const dirs: Array<{ remove: () => void }> = []
  const client = (s: RunningServer, room: string) => {
    const c = newClient(s.wsUrl, room)
    clients.push(c)
    return c
  }
  const start = async (dataDir: string, port?: number, env?: Record<string, string>) => {
    const s = await startServer({ args: ['--open'], dataDir, port, env })
    servers.push(s)
    return s
  }
  const freshDir = () => {
    const d = tmpDir('tessera-persist-')
    dirs.push(d)
    return d.dir
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.dispose()
    for (const d of dirs.splice(0)) d.remove()
  })

  it('kill -9 right after a burst of 2,000 updates loses nothing that was relayed', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const writer = client(s1, 'burst')
    const watcher = client(s1, 'burst')
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    const items = writer.doc.getMap('items')
    for (let i = 0; i < 2000; i++) items.set(`k${i}`, i)
    // The server stores before it relays, so whatever the watcher saw is on disk.
    await waitFor(() => watcher.doc.getMap('items').size === 2000, { message: 'watcher to see the burst', timeout: 20_000 })
    writer.provider.disconnect()
    watcher.provider.disconnect()
    await s1.stop('SIGKILL')

    const s2 = await start(dir)
    const reader = client(s2, 'burst')
    await synced(reader.provider)
    expect(reader.doc.getMap('items').size).toBe(2000)
    expect(reader.doc.getMap('items').get('k1999')).toBe(1999)
  })

  it('a client that edits while the server is down merges after the restart', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const port = s1.port
    const a = client(s1, 'offline')
    await synced(a.provider)
    a.doc.getMap('items').set('before', 1)
    const check = client(s1, 'offline')
    await waitFor(() => check.doc.getMap('items').get('before') === 1)
    check.destroy()
    expect(await s1.stop('SIGTERM')).toBe(0)

    a.doc.getMap('items').set('while-down', 2)
    const s2 = await start(dir, port)
    await waitFor(() => a.provider.wsconnected && a.provider.synced, { message: 'client to reconnect', timeout: 20_000 })
    const b = client(s2, 'offline')
    await synced(b.provider)
    await waitFor(() => b.doc.getMap('items').get('while-down') === 2, { message: 'offline edit to arrive', timeout: 10_000 })
    expect(b.doc.getMap('items').get('before')).toBe(1)
  })

  it('SIGTERM exits with code 0 and the data is there after a restart', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const a = client(s1, 'graceful')
    await synced(a.provider)
    const text = a.doc.getText('t')
    for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`)
    const b = client(s1, 'graceful')
    await waitFor(() => b.doc.getText('t').toString() === text.toString())
    expect(await s1.stop('SIGTERM')).toBe(0)
    expect(s1.output()).toContain('shutting down')
    a.provider.disconnect()
    b.provider.disconnect()

    const s2 = await start(dir)
    const c = client(s2, 'graceful')
    await synced(c.provider)
    expect(c.doc.getText('t').toString()).toBe(text.toString())
  })

  it('an idle room is unloaded after its last client leaves and reloads from disk', async () => {
    const dir = freshDir()
    const s = await start(dir, undefined, { TESSERA_UNLOAD_GRACE_MS: '100' })
    const metric = async (name: string) => {
      const text = await (await fetch(`${s.url}/metrics`)).text()
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
      return m ? Number(m[1]) : NaN
    }
    const a = client(s, 'idle')
    await synced(a.provider)
    a.doc.getMap('items').set('kept', 'yes')
    await waitFor(async () => (await metric('tessera_rooms_loaded')) === 1)
    const b = client(s, 'idle')
    await waitFor(() => b.doc.getMap('items').get('kept') === 'yes')
    a.destroy()
    b.destroy()
    await waitFor(async () => (await metric('tessera_rooms_unloaded_total')) === 1, { message: 'room to unload', timeout: 10_000 })
    expect(await metric('tessera_rooms_loaded')).toBe(0)

    const c = client(s, 'idle')
    await synced(c.provider)
    expect(c.doc.getMap('items').get('kept')).toBe('yes')
  })
})
