import { describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { useTmpDirs } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { newClient, synced } from '../../helpers/clients'
import { api } from '../sharing/helpers'
import { addRects, listVersions, xsOf } from './helpers'

// kill -9 while versions are being written loses nothing: a version is one SQLite transaction
// (snapshot, history rows, version row) and every update is durable before anyone sees it.
const freshDir = useTmpDirs('tessera-crash-')

describe('a server killed with SIGKILL during version writes', () => {
  it('loses no update any client saw, and every listed version still reads back', async () => {
    const dir = freshDir()
    const seen = new Set<number>()
    for (let round = 0; round < 2; round++) {
      const server: RunningServer = await startServer({ args: ['--open'], env: { TESSERA_TEST_CLOCK: '1' }, dataDir: dir })
      const writer = newClient(server.wsUrl, 'crash')
      const watcher = newClient(server.wsUrl, 'crash')
      await Promise.all([synced(writer.provider), synced(watcher.provider)])
      for (const x of seen) expect(xsOf(watcher.doc)).toContain(x)
      const ticks: Promise<unknown>[] = []
      for (let i = 0; i < 40; i++) {
        addRects(writer.doc, [round * 1000 + i])
        // each tick saves a version of the edited room; they race with the kill below
        ticks.push(fetch(`${server.url}/api/_test/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 6 * 60_000 }) }).catch(() => null))
        await new Promise((r) => setTimeout(r, 2))
      }
      await waitFor(() => xsOf(watcher.doc).length > seen.size + 5)
      server.proc.kill('SIGKILL')
      await server.stop()
      await Promise.all(ticks)
      for (const x of xsOf(watcher.doc)) seen.add(x)
      writer.provider.disconnect()
      watcher.provider.disconnect()
      writer.destroy()
      watcher.destroy()
    }
    const server = await startServer({ args: ['--open'], dataDir: dir })
    try {
      const reader = newClient(server.wsUrl, 'crash')
      await synced(reader.provider)
      const have = new Set(xsOf(reader.doc))
      for (const x of seen) expect(have.has(x)).toBe(true)
      reader.destroy()
      const versions = await listVersions(server, 'crash', null)
      expect(versions.length).toBeGreaterThan(0)
      for (const v of versions) {
        const r = await api(server, 'GET', `/api/rooms/crash/versions/${v.id}`)
        expect(r.status).toBe(200)
      }
    } finally {
      await server.stop()
    }
  }, 120_000)
})
