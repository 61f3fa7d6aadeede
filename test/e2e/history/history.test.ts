import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { addItems } from '../../../src/doc'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from '../editor-core/fixture'
import { api } from '../../integration/sharing/helpers'

// The History panel in real Chromium against a real server: scrub, replay (within a span and
// across versions), restore; a second
// person sees the restore, and the restorer undoes it in one step.
const boards = useBoards('history')
const liveCount = (page: import('playwright-core').Page) => page.evaluate(() => window.__tessera!.doc.getMap('items').size)

describe('History panel', () => {
  it('scrubs to a past version over the live board, replays the edits, and restores for everyone', async () => {
    const rect = (x: number) => ({ type: 'rect' as const, x, y: 0, width: 80, height: 60, fill: '#fca5a5' })
    const { room } = await boards.seedRoom([rect(0), rect(100)])
    const two = await api(boards.server, 'POST', `/api/rooms/${room}/versions`, { body: { label: 'Two boxes' } })
    expect(two.status).toBe(201)
    const writer = newClient(boards.server.wsUrl, room)
    boards.clients.push(writer)
    await synced(writer.provider)
    addItems(writer.doc, [rect(200)])
    addItems(writer.doc, [rect(300)])
    const alice = await boards.open(room, 4)
    const four = await api(boards.server, 'POST', `/api/rooms/${room}/versions`, { body: { label: 'Four boxes' } })
    expect(four.status).toBe(201)
    const bob = await boards.open(room, 4)

    await alice.keyboard.press('Control+Shift+H')
    await alice.getByTestId('history-panel').waitFor()
    await waitFor(async () => (await alice.getByTestId('history-version').count()) === 2)

    // scrub: the oldest version is shown read-only over the live board
    await alice.getByTestId('history-version').filter({ hasText: 'Two boxes' }).click()
    await alice.waitForSelector('[data-testid="history-preview"][data-items="2"]')
    // the live board underneath keeps syncing
    addItems(writer.doc, [rect(400)])
    await waitFor(() => liveCount(alice).then((n) => n === 5))
    expect(await alice.getAttribute('[data-testid="history-preview"]', 'data-items')).toBe('2')

    // replay the edits that led to "Four boxes" at 16×
    await alice.getByTestId('history-version').filter({ hasText: 'Four boxes' }).click()
    await alice.getByTestId('history-replay-16').click()
    await alice.getByText('Replayed 2 edits').waitFor()
    expect(await alice.getAttribute('[data-testid="history-preview"]', 'data-items')).toBe('4')
    await alice.screenshot({ path: path.join(import.meta.dirname, '..', '..', '..', 'bench', 'tmp', 'history-panel.png') })

    // replay from the oldest version on: the stored edits play through both versions in one go
    await alice.getByTestId('history-version').filter({ hasText: 'Two boxes' }).click()
    await alice.waitForSelector('[data-testid="history-preview"][data-items="2"]')
    await alice.getByTestId('history-replay-16').click()
    await alice.getByText(/Replayed \d+ edits across 2 versions/).waitFor()
    expect(await alice.getAttribute('[data-testid="history-preview"]', 'data-items')).toBe('4')

    // restore "Two boxes": both people see it at once
    await alice.getByTestId('history-version').filter({ hasText: 'Two boxes' }).click()
    await alice.getByTestId('history-restore').click()
    await waitFor(() => liveCount(bob).then((n) => n === 2), { timeout: 10_000, message: 'Bob sees the restore' })
    expect(await liveCount(alice)).toBe(2)
    await alice.getByTestId('history-status').filter({ hasText: 'Restored' }).waitFor()
    // the state restored over was kept as a version
    const list = (await api(boards.server, 'GET', `/api/rooms/${room}/versions`)).body as { versions: Array<{ label: string | null; items: number }> }
    expect(list.versions[0]).toMatchObject({ items: 5 })
    expect(list.versions[0]!.label).toMatch(/^Before restoring/)

    // one Ctrl+Z takes the whole restore back, for everyone
    await alice.getByTestId('history-panel').getByRole('button', { name: 'Close history' }).click()
    await alice.locator('[data-testid="canvas"]').click({ position: { x: 5, y: 400 } })
    await alice.keyboard.press('Control+z')
    await waitFor(() => liveCount(bob).then((n) => n === 5), { timeout: 10_000, message: 'Bob sees the undo' })
  })

  it('opens from the menu, and viewers see no restore button', async () => {
    const { room } = await boards.seedRoom([{ type: 'ellipse', x: 0, y: 0, width: 50, height: 50 }])
    await api(boards.server, 'POST', `/api/rooms/${room}/versions`, { body: { label: 'One' } })
    const page = await boards.open(room, 1)
    await page.getByTestId('menu-button').click()
    await page.getByTestId('menu-history').click()
    await page.getByTestId('history-version').first().click()
    await page.waitForSelector('[data-testid="history-preview"][data-items="1"]')
    expect(await page.getByTestId('history-restore').count()).toBe(1)
    await page.evaluate(() => window.__tessera!.store.setReadOnly(true))
    await page.getByRole('button', { name: 'Close history' }).click()
    await page.keyboard.press('Control+Shift+H')
    await page.getByTestId('history-version').first().click()
    expect(await page.getByTestId('history-restore').count()).toBe(0)
  })
})
