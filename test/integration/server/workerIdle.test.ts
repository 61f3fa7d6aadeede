import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { newClient, synced, type Client } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'

// A real server's worker threads (the trial of big updates, the writer of big appends) start on the
// first big paste and end once idle (server/workerIdle.ts; 30 s, here 300 ms); the next paste starts
// them again and goes through them. Seen from the server process's threads (/proc/PID/task).
const PASTE_CHARS = 1024 * 1024

describe('worker threads of an idle server', () => {
  let server: RunningServer | null = null
  const clients: Client[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server?.dispose()
    server = null
  })

  it('none runs before a big paste; they start for it, end once idle, and start again for the next paste', async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_TEST_WORKER_IDLE_MS: '300' } })
    const pid = server.proc.pid!
    const threads = () => readdirSync(`/proc/${pid}/task`).length
    const writer = newClient(server.wsUrl, 'pastes')
    const reader = newClient(server.wsUrl, 'pastes')
    clients.push(writer, reader)
    await Promise.all([synced(writer.provider), synced(reader.provider)])
    // a small edit goes through without any worker
    writer.doc.getMap('m').set('k', 1)
    await waitFor(() => reader.doc.getMap('m').get('k') === 1, { message: 'the small edit' })
    const base = threads()

    for (let paste = 1; paste <= 2; paste++) {
      let most = threads()
      const sample = setInterval(() => (most = Math.max(most, threads())), 5)
      try {
        writer.doc.getText('notes').insert(0, 'x'.repeat(PASTE_CHARS))
        await waitFor(() => reader.doc.getText('notes').length === paste * PASTE_CHARS, { timeout: 60_000, message: `paste ${paste} relayed` })
      } finally {
        clearInterval(sample)
      }
      // the paste went through worker threads (the trial, the staged append)…
      expect(most).toBeGreaterThan(base)
      // …which end once idle
      await waitFor(() => threads() === base, { timeout: 30_000, message: `the workers of paste ${paste} to end` })
    }
    expect(server.output()).not.toMatch(/append failed|trial failed/)
  })
})
