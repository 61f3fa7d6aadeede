import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { newClient, synced, type Client } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { SECRET_ARGS } from '../sharing/helpers'

const PRELOAD = pathToFileURL(path.resolve(import.meta.dirname, '..', '..', 'helpers', 'moduleLoadLog.mjs')).href

/**
 * A server that only syncs does not load what REST calls and other commands need (the request
 * and scene schemas, zod, the history API, export/import): it loads them on the first call that
 * needs them. Seen from the modules the real process resolves (a resolve hook logging them).
 */
describe('modules loaded on first use', () => {
  const logs = tmpDir('tessera-modlog-')
  let server: RunningServer | null = null
  const clients: Client[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server?.dispose()
    server = null
  })

  async function start(name: string, args: string[]): Promise<{ loaded: () => string[] }> {
    const log = path.join(logs.dir, `${name}.log`)
    server = await startServer({ args, env: { NODE_OPTIONS: `--import ${PRELOAD}`, TESSERA_TEST_MODULE_LOG: log } })
    return { loaded: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) }
  }
  const zod = (urls: string[]) => urls.filter((u) => u.includes('/node_modules/zod/'))

  it('an --open server syncs a room without loading zod or the REST APIs; the first REST calls load them and answer', async () => {
    const { loaded } = await start('open', ['--open'])
    const a = newClient(server!.wsUrl, 'lazy-room')
    const b = newClient(server!.wsUrl, 'lazy-room')
    clients.push(a, b)
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('m').set('k', 1)
    await waitFor(() => b.doc.getMap('m').get('k') === 1, { message: 'relay' })
    expect(loaded().some((u) => u.includes('/node_modules/yjs/'))).toBe(true)
    expect(zod(loaded())).toEqual([])
    // CommonJS packages (ws, pino, better-sqlite3, prom-client) are loaded with require, not
    // imported: node lexes the source of a CommonJS module an ES module imports (requireCjs.ts).
    // The ES-module packages are imported as such (esbuild: the checkout's loader, when it bundles
    // changed sources at start, scripts/loadServer.mjs)
    const imported = loaded().filter((u) => u.startsWith('file:') && u.includes('/node_modules/'))
    expect(imported.filter((u) => !/\/node_modules\/(yjs|lib0|y-protocols|esbuild)\//.test(u))).toEqual([])
    expect(loaded().some((u) => /^\/.*\/node_modules\/ws\/index\.js$/.test(u))).toBe(true)
    // ws unmasks client frames with bufferutil's prebuilt native code (nativeUnmask.test.ts)
    expect(loaded().filter((u) => /\/node_modules\/bufferutil\/.*\.node$/.test(u))).toHaveLength(1)
    // prom-client's parts are loaded file by file: not its index (Summary, Pushgateway, OpenTelemetry)
    expect(loaded().some((u) => u.includes('/node_modules/prom-client/lib/counter'))).toBe(true)
    expect(loaded().filter((u) => /\/node_modules\/(prom-client\/index|@opentelemetry\/)/.test(u))).toEqual([])

    // the process metrics are there from the first scrape on
    const scrape = await (await fetch(`${server!.url}/metrics`)).text()
    expect(scrape).toMatch(/^tessera_process_process_resident_memory_bytes \d+/m)
    expect(scrape).toMatch(/^tessera_connections 2$/m)

    const versions = await fetch(`${server!.url}/api/rooms/lazy-room/versions`)
    expect(versions.status).toBe(200)
    expect(((await versions.json()) as { versions: unknown[] }).versions).toBeInstanceOf(Array)
    expect(zod(loaded()).length).toBeGreaterThan(0)
    const created = await fetch(`${server!.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":"t"}' })
    expect(created.status).toBe(201)
    const bad = await fetch(`${server!.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":7}' })
    expect(bad.status).toBe(400)
  })

  it('a server with access control checks a token on connect without loading zod', async () => {
    // the room is made through the API by a first server; a second one on the same data only syncs it
    const data = tmpDir('tessera-modlog-data-')
    let first: RunningServer | null = await startServer({ args: SECRET_ARGS, dataDir: data.dir, keepData: true })
    const made = await fetch(`${first.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(made.status).toBe(201)
    const { room, editorToken } = (await made.json()) as { room: string; editorToken: string }
    await first.dispose()
    first = null

    const log = path.join(logs.dir, 'tokens.log')
    server = await startServer({ args: SECRET_ARGS, dataDir: data.dir, env: { NODE_OPTIONS: `--import ${PRELOAD}`, TESSERA_TEST_MODULE_LOG: log } })
    const c = newClient(server.wsUrl, room, { params: { token: editorToken } })
    clients.push(c)
    await synced(c.provider)
    const loaded = readFileSync(log, 'utf8').split('\n')
    expect(loaded.some((u) => u.includes('/node_modules/yjs/'))).toBe(true)
    expect(zod(loaded)).toEqual([])
    const bad = newClient(server.wsUrl, room, { params: { token: `${editorToken.slice(0, -2)}AA` } })
    clients.push(bad)
    // a forged token is still refused (at the upgrade)
    await new Promise<void>((resolve) => bad.provider.on('connection-close', () => resolve()))
    expect(bad.provider.synced).toBe(false)
    data.remove()
  })
})
