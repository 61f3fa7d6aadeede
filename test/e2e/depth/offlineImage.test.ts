import { describe, expect, it } from 'vitest'
import { addItems, ensureDefaultPage } from '../../../src/doc'
import { boardPath } from '../../../src/app/routes'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { newClient, synced } from '../../helpers/clients'
import { cuttableContext, openOn, waitServiceWorker, waitSynced, waitForBoard } from '../offline/offlineHarness'
import { pngDataUrl, shareOfColour } from './pixels'

const env = useServerAndBrowser()
const ORANGE: [number, number, number] = [240, 140, 0] // #f08c00
const box = { x: -100, y: -60, width: 200, height: 120 }

describe('an image once seen stays visible offline', () => {
  it('a board with an image, reloaded with the network cut, still draws the image from the local cache', async () => {
    const room = `depth-offline-img-${Date.now().toString(36)}`
    // someone uploads a 50×30 orange PNG and puts it on the board
    const maker = await env.browser.newPage()
    const dataUrl = await pngDataUrl(maker, 50, 30, '#f08c00')
    await maker.close()
    const res = await fetch(`${env.server.url}/api/rooms/${room}/assets`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: Buffer.from(dataUrl.split(',')[1]!, 'base64') })
    expect(res.status).toBe(201)
    const { assetId } = (await res.json()) as { assetId: string }
    const seeder = newClient(env.server.wsUrl, room)
    await synced(seeder.provider)
    ensureDefaultPage(seeder.doc)
    const added = addItems(seeder.doc, [{ type: 'image', image: assetId, ...box }])
    expect(added.ok).toBe(true)

    // Bob views the board: the image is drawn
    const bob = await cuttableContext(env.browser)
    await bob.context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
    const page = await openOn(bob.context, env.server.url + boardPath(room))
    await waitSynced(page)
    await waitServiceWorker(page)
    await expect.poll(() => shareOfColour(page, box, ORANGE), { timeout: 20_000 }).toBeGreaterThan(0.9)

    // the browser's HTTP cache would answer too (the asset is served immutable): empty it, so
    // what shows offline is the app's own copy in Cache Storage, which the browser does not evict
    const cdp = await bob.context.newCDPSession(page)
    await cdp.send('Network.clearBrowserCache')
    // no network: the reload comes from the service worker, the board from the local copy, the image from Cache Storage
    await bob.goOffline()
    // the network really is cut for this page (past the HTTP cache, which would answer the asset's own URL)
    const direct = await page.evaluate(async (u) => fetch(u, { cache: 'no-store' }).then(() => 'fetched', () => 'failed'), `${env.server.url}/api/rooms/${room}/assets/${assetId}?probe=${Date.now()}`)
    expect(direct).toBe('failed')
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await waitForBoard(page)
    await expect.poll(() => page.evaluate(() => window.__tessera!.doc.getMap('items').size), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => shareOfColour(page, box, ORANGE), { timeout: 20_000 }).toBeGreaterThan(0.9)
    expect(await page.evaluate(() => window.__tessera!.conn.provider.synced)).toBe(false)
    await page.screenshot({ path: '/tmp/tessera-depth-offline-image.png' })

    seeder.destroy()
    await bob.context.close()
  })
})
