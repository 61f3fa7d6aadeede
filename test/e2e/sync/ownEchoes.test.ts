// The board does not apply its own edits a second time when the server relays them back
// (src/room/ownEchoes.ts); other people's edits still arrive.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { drag, items, openTools } from '../editor-tools/helpers'

const env = useServerAndBrowser()

/** Starts counting the transactions that apply something received from the server on this page. */
async function countReceived(page: Page): Promise<void> {
  await page.evaluate(() => {
    const t = window.__tessera!
    const w = window as unknown as { received: number }
    w.received = 0
    t.doc.on('afterTransaction', (tr: { origin: unknown }) => {
      if (tr.origin === t.conn.provider) w.received++
    })
  })
}
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: number }).received)

describe('own edits relayed back by the server', () => {
  it('are not applied again by the editor that made them; the collaborator’s edits are', async () => {
    const room = `echo-${Date.now().toString(36)}`
    const { page: a } = await openTools(env.browser, env.server.url, room)
    const { page: b } = await openTools(env.browser, env.server.url, room)
    await Promise.all([countReceived(a), countReceived(b)])

    await a.keyboard.press('r')
    await drag(a, [500, 300], [620, 380])
    await a.keyboard.press('v')
    await waitFor(async () => (await items(b)).length === 1, { timeout: 5_000, message: 'B sees A’s rectangle' })
    // the server relays to its sender too; give that echo time to arrive
    await a.waitForTimeout(1_000)
    expect(await received(a)).toBe(0)
    expect(await received(b)).toBeGreaterThan(0)

    await b.keyboard.press('r')
    await drag(b, [300, 300], [380, 380])
    await waitFor(async () => (await items(a)).length === 2, { timeout: 5_000, message: 'A sees B’s rectangle' })
    expect(await received(a)).toBeGreaterThan(0)
  })
})
