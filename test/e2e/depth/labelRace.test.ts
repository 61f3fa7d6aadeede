import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { toScreen } from '../editor-core/helpers'
import { cuttableContext } from '../offline/offlineHarness'

const boards = useBoards('depth-label-race')

const label = (page: Page, id: string) =>
  page.evaluate((id) => (window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown } | undefined)?.get('text')?.toString() ?? null, id)

async function startLabel(page: Page): Promise<void> {
  const s = await toScreen(page, { x: 0, y: 0 })
  await page.mouse.click(s.x, s.y)
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-testid="text-editor"]')
}

describe('a first label started by two people at once', () => {
  it('keeps both people’s words: the one whose label lost carries what they typed over to the kept one', async () => {
    const { room, ids } = await boards.seedRoom([{ type: 'rect', x: -150, y: -60, width: 300, height: 120 }])
    const [r] = ids as [string]
    const cut = await cuttableContext(boards.browser)
    boards.contexts.push(cut.context)
    const alice = await boards.open(room, 1, cut.context)
    const bob = await boards.open(room, 1)
    // Alice's network drops, so both give the shape its first label without seeing the other's
    await cut.goOffline()
    await alice.waitForFunction(() => !window.__tessera!.conn.provider.wsconnected)
    await startLabel(alice)
    await alice.keyboard.type('Alpha')
    await startLabel(bob)
    await bob.keyboard.type('Beta')
    await expect.poll(() => label(bob, r)).toBe('Beta')
    expect(await label(alice, r)).toBe('Alpha')

    await cut.goOnline()
    const both = (t: string | null) => (t ?? '').split(/\s+/).filter(Boolean).sort().join(',')
    await expect.poll(async () => both(await label(alice, r)), { timeout: 20_000 }).toBe('Alpha,Beta')
    await expect.poll(async () => both(await label(bob, r)), { timeout: 10_000 }).toBe('Alpha,Beta')
    expect(await label(alice, r)).toBe(await label(bob, r))
    // the open editors show it too, and typing goes on in the kept label
    await expect.poll(() => alice.inputValue('[data-testid="text-editor"]')).toBe((await label(alice, r))!)
    await expect.poll(() => bob.inputValue('[data-testid="text-editor"]')).toBe((await label(bob, r))!)
    await alice.keyboard.type('!')
    await expect.poll(async () => (await label(bob, r)) ?? '', { timeout: 10_000 }).toContain('!')
  })
})
