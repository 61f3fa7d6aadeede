import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { boardPath } from '../../../src/app/routes'
import { cuttableContext, itemFields, items, openOn, sortKeys, statusText, waitItemsEqual, waitServiceWorker, waitSynced } from './offlineHarness'

let browser: Browser
// Each attempt (CI retries once) starts its own servers and stops them itself, so a retry
// never meets the previous attempt's server still holding the data directory.
const servers: RunningServer[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})

afterEach(async () => {
  for (const s of servers.splice(0).reverse()) await s.dispose()
})

afterAll(async () => {
  await browser?.close()
})

describe('server restart during an outage', () => {
  it('offline edits made while the server restarted still merge with edits made on the new server process', async () => {
    const first = await startServer({ args: ['--open'] })
    servers.push(first)
    const room = `offline-restart-${Date.now()}`
    const a = await cuttableContext(browser)
    const page = await openOn(a.context, first.url + boardPath(room))
    await waitSynced(page)
    await waitServiceWorker(page) // the board's idle-time code is cached before the cut (see there)
    await page.evaluate((f) => window.__offlineTest!.addItem('before', f, 'saved'), itemFields('sticky', 0, 0, 'a0'))
    const watcher = newClient(first.wsUrl, room)
    await synced(watcher.provider)
    await waitFor(() => watcher.doc.getMap('items').has('before'), { timeout: 10_000, message: 'server to have the first item' })
    watcher.destroy()

    await a.goOffline()
    await page.waitForFunction(() => !window.__tessera!.conn.provider.wsconnected)
    await page.evaluate(
      (fields) => {
        fields.forEach((f, i) => window.__offlineTest!.addItem(`during-${i}`, f))
        window.__offlineTest!.insertText('before', 5, ' + offline')
        window.__offlineTest!.setFields('before', { x: 40 })
      },
      [0, 1].map((i) => itemFields('rect', 200 * i, 300, `a${i + 1}`)),
    )

    // the server goes down and comes back on the same port with the same data
    expect(await first.stop()).toBe(0)
    const second = await startServer({ args: ['--open'], dataDir: first.dataDir, port: first.port })
    servers.push(second)
    const other = newClient(second.wsUrl, room)
    await synced(other.provider)
    expect(other.doc.getMap('items').has('before')).toBe(true)
    other.doc.transact(() => {
      const m = new Y.Map<unknown>()
      other.doc.getMap('items').set('after-restart', m)
      for (const [k, v] of Object.entries(itemFields('ellipse', 600, 0, 'b0'))) m.set(k, v)
      ;((other.doc.getMap('items').get('before') as Y.Map<unknown>).get('text') as Y.Text).insert(0, '> ')
    })

    await a.goOnline()
    await waitSynced(page)
    await waitItemsEqual(page, () => other.doc.getMap('items').toJSON(), 'the board and the restarted server to converge')
    const final = sortKeys(await items(page)) as Record<string, Record<string, unknown>>
    expect(Object.keys(final).sort()).toEqual(['after-restart', 'before', 'during-0', 'during-1'])
    expect(final.before!.text).toBe('> saved + offline')
    expect(final.before!.x).toBe(40)
    await waitFor(async () => !(await statusText(page)).includes('pending'), { timeout: 10_000, message: 'pending count to clear' })

    // and the restarted server really stored the merge: a fresh client sees it
    other.destroy()
    const fresh = newClient(second.wsUrl, room)
    await synced(fresh.provider)
    await waitFor(() => fresh.doc.getMap('items').has('during-1'), { timeout: 10_000, message: 'a fresh client to see the merged scene' })
    expect(sortKeys(fresh.doc.getMap('items').toJSON())).toEqual(final)
    fresh.destroy()
    await a.context.close()
  })
})
