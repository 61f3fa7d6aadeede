import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { startServer, type RunningServer } from '../../helpers/server'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom, SECRET_ARGS, TEST_SECRET, type CreatedRoom } from '../sharing/helpers'
import { addRects, joinAs, xsOf, type VersionJson } from './helpers'
import type { SceneJSON } from '../../../src/doc/sceneJson'

// `tessera rooms | export | import | backup` against a data dir while a real server runs on it.
const BIN = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'tessera.js')

function tessera(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

describe('admin command line with a server running', () => {
  let server: RunningServer
  let room: CreatedRoom
  let named: VersionJson
  const scratch = tmpDir('tessera-cli-')

  beforeAll(async () => {
    server = await startServer({ args: SECRET_ARGS })
    room = await createRoom(server, 'Admin board')
    const ada = await joinAs(server, room.room, room.editorToken, 'Ada')
    addRects(ada.doc, [1, 2])
    const watcher = await joinAs(server, room.room, room.viewerToken, 'W')
    await waitFor(() => xsOf(watcher.doc).length === 2)
    named = (await api(server, 'POST', `/api/rooms/${room.room}/versions`, { token: room.editorToken, body: { label: 'two' } })).body as VersionJson
    addRects(ada.doc, [3])
    await waitFor(() => xsOf(watcher.doc).length === 3)
    ada.destroy()
    watcher.destroy()
  })
  afterAll(async () => {
    await server.dispose()
    scratch.remove()
  })

  it('every command has --help, and a bad call exits 2 with its usage', async () => {
    for (const cmd of ['rooms', 'export', 'import', 'backup']) {
      const r = await tessera([cmd, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`Usage: tessera ${cmd}`)
    }
    const missing = await tessera(['export'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Usage: tessera export')
    expect((await tessera(['export', room.room, '--bogus'])).code).toBe(2)
    expect((await tessera(['--help'])).stdout).toContain('backup')
  })

  it('rooms lists the stored rooms with their titles', async () => {
    const r = await tessera(['rooms', '--data', server.dataDir])
    expect(r.code).toBe(0)
    const line = r.stdout.split('\n').find((l) => l.startsWith(`${room.room}\t`))
    expect(line).toBeDefined()
    expect(line).toContain('Admin board')
    const none = await tessera(['rooms', '--data', scratch.dir])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('no Tessera database')
  })

  it('export prints the board now, at a version, or at a time; unknown rooms and bad times are errors', async () => {
    const now = await tessera(['export', room.room, '--data', server.dataDir])
    expect(now.code).toBe(0)
    expect((JSON.parse(now.stdout) as SceneJSON).items).toHaveLength(3)
    const atVersion = await tessera(['export', room.room, '--version', String(named.id), '--data', server.dataDir])
    expect((JSON.parse(atVersion.stdout) as SceneJSON).items.map((i) => i.x).sort()).toEqual([1, 2])
    const atTime = await tessera(['export', room.room, '--at', new Date(Date.parse(named.at) + 1).toISOString(), '--data', server.dataDir])
    expect((JSON.parse(atTime.stdout) as SceneJSON).items).toHaveLength(2)
    const before = await tessera(['export', room.room, '--at', '2000-01-01T00:00:00Z', '--data', server.dataDir])
    expect([before.code, before.stdout]).toEqual([1, ''])
    const unknown = await tessera(['export', 'NOSUCH', '--data', server.dataDir])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no room named NOSUCH')
    expect((await tessera(['export', room.room, '--at', 'yesterday', '--data', server.dataDir])).code).toBe(2)
  })

  it('import goes through the running server (users see it live); without --server it refuses to touch the data', async () => {
    const file = path.join(scratch.dir, 'board.json')
    const exported = await tessera(['export', room.room, '--version', String(named.id), '--data', server.dataDir])
    writeFileSync(file, exported.stdout)
    const refused = await tessera(['import', room.room, file, '--data', server.dataDir])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('--server')
    const watcher = await joinAs(server, room.room, room.viewerToken, 'W')
    try {
      const r = await tessera(['import', room.room, file, '--data', server.dataDir, '--server', server.url], { TESSERA_AUTH_SECRET: TEST_SECRET })
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(r.stdout).toContain('imported 2 items')
      await waitFor(() => xsOf(watcher.doc).length === 5)
    } finally {
      watcher.destroy()
    }
    const bad = path.join(scratch.dir, 'bad.json')
    writeFileSync(bad, '{"format":"something else"}')
    const badRun = await tessera(['import', room.room, bad, '--data', server.dataDir, '--server', server.url])
    expect(badRun.code).toBe(1)
    expect(badRun.stderr).toContain('not a tessera-scene file')
  })

  it('backup writes a consistent copy while the server runs, and never overwrites a file', async () => {
    const file = path.join(scratch.dir, 'backup.sqlite')
    const r = await tessera(['backup', file, '--data', server.dataDir])
    expect([r.code, r.stderr]).toEqual([0, ''])
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare('SELECT title FROM rooms WHERE id = ?').get(room.room)).toEqual({ title: 'Admin board' })
      expect((db.prepare('SELECT COUNT(*) AS n FROM versions WHERE room = ?').get(room.room) as { n: number }).n).toBeGreaterThan(0)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
    expect((await tessera(['backup', file, '--data', server.dataDir])).code).toBe(1)
  })

  it('with the server stopped, import writes the data directly', async () => {
    const file = path.join(scratch.dir, 'board2.json')
    writeFileSync(file, (await tessera(['export', room.room, '--version', String(named.id), '--data', server.dataDir])).stdout)
    expect(await server.stop()).toBe(0)
    const r = await tessera(['import', room.room, file, '--data', server.dataDir])
    expect([r.code, r.stderr]).toEqual([0, ''])
    const after = await tessera(['export', room.room, '--data', server.dataDir])
    expect((JSON.parse(after.stdout) as SceneJSON).items).toHaveLength(7)
  })
})
