import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedRoom } from '../../../src/app/api'
import { DATABASE_FILE } from '../../../server/storage/sqlite'
import { newClient, synced, type Client } from '../../helpers/clients'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const realDist = path.join(root, 'dist')

/**
 * `npm start` runs `node scripts/start.mjs …args`, which builds the web app first when
 * dist/index.html is missing or older than src/. Other work edits src/ while tests run, and a
 * rebuild would rewrite the shared dist/ under other tests, so the script is run from a scratch
 * package root whose scripts/ and dist/ are links to the real ones and which has no sources: the
 * real start.mjs finds the build up to date and goes on to load and run the server. (Node keeps the
 * link path of the main module with --preserve-symlinks-main; the modules it imports, the server
 * loader and the server, resolve to the real files, so the server serves the real dist/.)
 */
function spawnStart(scratchRoot: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--preserve-symlinks-main', path.join(scratchRoot, 'scripts', 'start.mjs'), ...args], {
    cwd: scratchRoot,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

describe('npm start (scripts/start.mjs)', () => {
  const scratch = tmpDir('tessera-start-root-')
  const data = tmpDir('tessera-start-data-')
  const clients: Client[] = []
  let proc: ChildProcess
  let output = ''
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  let base = ''

  beforeAll(async () => {
    expect(existsSync(path.join(realDist, 'index.html')), 'the web app must be built (npm run build) before this test').toBe(true)
    mkdirSync(path.join(scratch.dir, 'pkg'))
    const pkg = path.join(scratch.dir, 'pkg')
    symlinkSync(path.join(root, 'scripts'), path.join(pkg, 'scripts'), 'dir')
    symlinkSync(realDist, path.join(pkg, 'dist'), 'dir')
    proc = spawnStart(pkg, ['--host', '127.0.0.1', '--port', '0', '--data', data.dir])
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })))
    let port = 0
    await waitFor(
      () => {
        const m = /tessera listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output)
        if (m) (base = m[1]!), (port = Number(m[2]))
        return m !== null || proc.exitCode !== null
      },
      { message: 'the listening line', timeout: 30_000, interval: 50 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; output so far:\n${output}`)
    })
    expect(port, `no listening line; output:\n${output}`).toBeGreaterThan(0)
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      process.kill(proc.pid!, 'SIGTERM')
      await exited
    }
    scratch.remove()
    data.remove()
  })

  it('serves the built web app for a board URL without rebuilding it', async () => {
    expect(output).not.toContain('building the web app')
    const res = await fetch(`${base}/r/SOMEROOM`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toContain('<div id="root">')
    expect(html).toContain('<title>Tessera</title>')
  })

  it('syncs a change between two stock y-websocket providers on the same port, stored under --data', async () => {
    // Without --open every room is made through the REST API and joined with a capability token.
    const res = await fetch(`${base}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'npm start board' }),
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as CreatedRoom
    const wsUrl = base.replace(/^http/, 'ws')
    const a = newClient(wsUrl, created.room, { params: { token: created.editorToken } })
    const b = newClient(wsUrl, created.room, { params: { token: created.editorToken } })
    clients.push(a, b)
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('items').set('hello', 'from a')
    await waitFor(() => b.doc.getMap('items').get('hello') === 'from a', { message: "b to receive a's change" })
    expect(existsSync(path.join(data.dir, DATABASE_FILE))).toBe(true)
  })

  it('stops on SIGTERM sent to its PID with exit code 0', async () => {
    for (const c of clients.splice(0)) c.destroy()
    process.kill(proc.pid!, 'SIGTERM')
    const result = await exited
    expect(result).toEqual({ code: 0, signal: null })
    expect(output).toContain('shutting down')
  })
})
