import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { boardPath } from '../../../src/app/routes'
import { localDbName } from '../../../src/room/offline/accessLevel'
import {
  cuttableContext, itemFields, items, localUpdateCount, openOn, sortKeys, statusText, waitForBoard, waitItemsEqual, waitServiceWorker, waitSynced,
} from './offlineHarness'

// a real server with --open and one headless Chromium for this file
const env = useServerAndBrowser()

function serverItems(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('items').toJSON()
}

describe('reloading a board with no network', () => {
  it('opens from the service worker and the local copy, keeps the offline edits, and merges them on reconnect', async () => {
    const room = `offline-reload-${Date.now()}`
    const a = await cuttableContext(env.browser)
    const page = await openOn(a.context, env.server.url + boardPath(room))
    await waitSynced(page)
    await waitServiceWorker(page)

    // another client edits through the server the whole time
    const other = newClient(env.server.wsUrl, room)
    await synced(other.provider)

    await page.evaluate((f) => window.__offlineTest!.addItem('sticky', f, 'note'), itemFields('sticky', 0, 0, 'a0'))
    await waitFor(() => other.doc.getMap('items').has('sticky'), { timeout: 10_000, message: 'server to have the sticky' })

    await a.goOffline()
    await page.waitForFunction(() => !window.__tessera!.conn.provider.wsconnected)
    const before = await localUpdateCount(page, localDbName(room, 'edit'))
    await page.evaluate(
      (fields) => {
        fields.forEach((f, i) => window.__offlineTest!.addItem(`offline-${i}`, f))
        window.__offlineTest!.insertText('sticky', 4, ' (A offline)')
      },
      [0, 1, 2].map((i) => itemFields('rect', 150 * i, 200, `a${i + 1}`)),
    )
    // every offline change is in IndexedDB before the page goes away
    await waitFor(async () => (await localUpdateCount(page, localDbName(room, 'edit'))) >= before + 4, { timeout: 10_000, message: 'offline edits stored locally' })
    const offlineScene = await items(page)

    // meanwhile, through the server
    other.doc.transact(() => {
      const m = new Y.Map<unknown>()
      other.doc.getMap('items').set('from-server', m)
      for (const [k, v] of Object.entries(itemFields('ellipse', 500, 500, 'b0'))) m.set(k, v)
      ;((other.doc.getMap('items').get('sticky') as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'Other: ')
    })

    // reload with no network: the app shell comes from the service worker, the scene from IndexedDB
    const response = await page.reload()
    expect(response?.fromServiceWorker()).toBe(true)
    await waitForBoard(page)
    await waitItemsEqual(page, () => offlineScene, 'the reloaded board to show the offline scene')
    // no connection has synced: the board came from the local copy alone
    expect(await page.evaluate(() => window.__tessera!.conn.provider.synced)).toBe(false)
    await waitFor(async () => (await statusText(page)).startsWith('Offline — changes kept on this device (4 pending)'), {
      timeout: 10_000,
      message: 'offline status with the 4 pending changes kept across the reload',
    })

    // network back: both sides' edits merge
    await a.goOnline()
    await waitSynced(page)
    await waitItemsEqual(page, () => serverItems(other.doc), 'the board and the server to converge')
    const final = sortKeys(await items(page)) as Record<string, Record<string, unknown>>
    expect(Object.keys(final).sort()).toEqual(['from-server', 'offline-0', 'offline-1', 'offline-2', 'sticky'])
    expect(final.sticky!.text).toBe('Other: note (A offline)')
    await waitFor(async () => !(await statusText(page)).includes('pending'), { timeout: 10_000, message: 'pending count to clear' })

    other.destroy()
    await a.context.close()
  })
})
