import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'

const MiB = 1024 * 1024
/** updates of 200 new map entries each: about 60,000 Yjs items that all stay in the room's document */
const UPDATES = 300
const ENTRIES = 200

function newSpaceBytes(metrics: string): number {
  const m = /^\w*heap_space_size_total_bytes\{space="new"\} (\d+)/m.exec(metrics)
  return m ? Number(m[1]) : NaN
}

describe("the server's young generation stays small under a busy room (server/youngGeneration.ts)", () => {
  let server: RunningServer
  const clients: Client[] = []

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.dispose()
  })

  // Up to 16 MiB: a worker started during a long task may let it grow once before the flag is set again (youngGeneration.ts).
  it('a room growing by thousands of items, with a worker thread started meanwhile, leaves new space at 16 MiB or less (V8 grows it to 32 otherwise)', async () => {
    const writer = newClient(server.wsUrl, 'busy-young')
    const reader = newClient(server.wsUrl, 'busy-young')
    clients.push(writer, reader)
    await Promise.all([synced(writer.provider), synced(reader.provider)])
    const items = writer.doc.getMap('items')
    for (let i = 0; i < UPDATES; i++) {
      // a big update half-way: tried on the trial worker, whose start resets V8's growth factor
      if (i === UPDATES / 2) writer.doc.getText('notes').insert(0, 'x'.repeat(200 * 1024))
      writer.doc.transact(() => {
        for (let j = 0; j < ENTRIES; j++) items.set(`k${i}.${j}`, { i, j, text: `item ${i}.${j}` })
      })
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 20))
    }
    await waitFor(() => reader.doc.getMap('items').size === UPDATES * ENTRIES, { timeout: 60_000, message: 'every item relayed' })
    // the first scrape registers the process metrics (server/promClient.ts); the second reads them
    await (await fetch(`${server.url}/metrics`)).text()
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const young = newSpaceBytes(text)
    expect(young).toBeGreaterThan(0)
    expect(young).toBeLessThanOrEqual(16 * MiB)
  })
})
