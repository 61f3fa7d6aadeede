import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { SERVE_FLAGS } from '../../../server/config'

/** One sample of a Prometheus text exposition, e.g. `tessera_messages_in_total{type="update"}` (NaN when absent). */
function metricValue(text: string, sample: string): number {
  const escaped = sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'tessera.js'), ...args], { cwd: root, encoding: 'utf8' })

describe('tessera CLI help', () => {
  it.each([['--help'], ['serve', '--help']])('`tessera %s` describes every public flag', (...args) => {
    const r = cli(...args)
    expect(r.status).toBe(0)
    for (const flag of SERVE_FLAGS.filter((f) => !f.hidden)) expect(r.stdout).toContain(`--${flag.name}`)
    for (const env of ['HOST', 'PORT', 'TESSERA_DATA']) expect(r.stdout).toContain(env)
  })

  it('a bare `tessera` given only flags starts the server, as `npx y-websocket` does', async () => {
    const data = tmpDir('tessera-bare-')
    const proc = spawn(process.execPath, [path.join(root, 'bin', 'tessera.js'), '--host', '127.0.0.1', '--port', '0', '--data', data.dir, '--open'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()))
    try {
      await waitFor(() => /tessera listening on http:\/\/127\.0\.0\.1:\d+/.test(out), { timeout: 30_000, message: 'the listening line' })
      const port = Number(/:(\d+)/.exec(out.split('tessera listening on ')[1] ?? '')?.[1])
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(res.status).toBe(200)
    } finally {
      const exited = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM')
      await exited
      data.remove()
    }
  })

  it('an unknown flag is an error with the usage', () => {
    const r = cli('serve', '--bogus')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown flag: --bogus')
  })
})

describe('HTTP endpoints', () => {
  let server: RunningServer
  let client: Client
  const web = tmpDir('tessera-web-')

  beforeAll(async () => {
    mkdirSync(path.join(web.dir, 'assets'))
    writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>Tessera</title>')
    writeFileSync(path.join(web.dir, 'assets', 'app-1234.js'), 'console.log(1)')
    writeFileSync(path.join(web.dir, 'assets', 'style.css'), 'body{}')
    writeFileSync(path.join(path.dirname(web.dir), 'tessera-secret.txt'), 'secret')
    server = await startServer({ args: ['--open', '--static-dir', web.dir] })
    client = newClient(server.wsUrl, 'health-room')
    await synced(client.provider)
  })
  afterAll(async () => {
    client.destroy()
    await server.dispose()
    web.remove()
  })

  it('GET /healthz answers 200 with ok, rooms, connections and uptime', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = (await res.json()) as Record<string, unknown>
    expect(body.ok).toBe(true)
    expect(body.rooms).toBe(1)
    expect(body.connections).toBe(1)
    expect(typeof body.uptime).toBe('number')
  })

  it('GET /metrics is Prometheus text with the server metrics', async () => {
    const res = await fetch(`${server.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    for (const name of [
      'tessera_connections', 'tessera_rooms_loaded', 'tessera_rooms_unloaded_total', 'tessera_messages_in_total',
      'tessera_messages_out_total', 'tessera_bytes_in_total', 'tessera_bytes_out_total', 'tessera_update_apply_seconds',
      'tessera_storage_write_seconds', 'tessera_rejected_total', 'tessera_viewer_writes_dropped_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'))
    }
    expect(text).toMatch(/^tessera_connections 1$/m)
  })

  it('GET /metrics counts the traffic, the applied updates and the appends of an edit', async () => {
    const scrape = async () => (await fetch(`${server.url}/metrics`)).text()
    const counted = [
      'tessera_messages_in_total{type="update"}',
      'tessera_update_apply_seconds_count',
      'tessera_storage_write_seconds_count{op="append"}',
    ]
    const before = await scrape()
    const countsBefore = counted.map((name) => metricValue(before, name) || 0)
    client.doc.getMap('items').set('metered', 1)
    // The message is counted on arrival; its append and apply follow within the event-loop turn.
    let text = ''
    await waitFor(
      async () => {
        text = await scrape()
        return counted.every((name, i) => metricValue(text, name) > countsBefore[i]!)
      },
      { message: 'the edit to be counted, stored and applied' },
    )
    expect(metricValue(text, 'tessera_messages_in_total{type="update"}')).toBeGreaterThanOrEqual(1)
    // the sync handshake of the provider was counted too
    expect(metricValue(text, 'tessera_messages_in_total{type="syncStep1"}')).toBeGreaterThanOrEqual(1)
    expect(metricValue(text, 'tessera_bytes_in_total')).toBeGreaterThan(0)
    expect(metricValue(text, 'tessera_messages_out_total')).toBeGreaterThan(0)
    expect(metricValue(text, 'tessera_bytes_out_total')).toBeGreaterThan(0)
    expect(metricValue(text, 'tessera_connections')).toBe(1)
    expect(metricValue(text, 'tessera_rooms_loaded')).toBe(1)
    expect(metricValue(text, 'tessera_update_apply_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(metricValue(text, 'tessera_storage_write_seconds_count{op="append"}')).toBeGreaterThanOrEqual(1)

    // A second connection is counted while it is open.
    const other = newClient(server.wsUrl, 'health-room')
    try {
      await synced(other.provider)
      await waitFor(() => other.doc.getMap('items').get('metered') === 1)
      expect(metricValue(await scrape(), 'tessera_connections')).toBe(2)
    } finally {
      other.destroy()
    }
    await waitFor(async () => metricValue(await scrape(), 'tessera_connections') === 1, { message: 'the second connection to be uncounted' })
  })

  it('serves the web app with content types and falls back to index.html for / and /r/<room>', async () => {
    for (const p of ['/', '/r/ABC123']) {
      const res = await fetch(`${server.url}${p}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toContain('<title>Tessera</title>')
    }
    const js = await fetch(`${server.url}/assets/app-1234.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const css = await fetch(`${server.url}/assets/style.css`)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404)
  })

  it('does not serve files outside the web app directory', async () => {
    const name = 'tessera-secret.txt'
    for (const p of [`/../${name}`, `/%2e%2e/${name}`, `/assets/..%2f..%2f${name}`, `/%2e%2e%2f${name}`]) {
      const res = await fetch(`${server.url}${p}`)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('secret')
    }
  })

  it('unknown /api/ routes answer with the JSON error shape', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`)
    expect(res.status).toBe(404)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('not_found')
  })
})
