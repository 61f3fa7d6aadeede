import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addItems, addPage, listPages, orphanItemIds, readItem, readItems, removeItems, removePage, type ItemInit } from '../../../src/doc'
import { parseScene } from '../../../src/doc/sceneJson'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from './fixture'
import { drag, toScreen } from './helpers'

// A board in the browser while a collaborator (a Node client, sometimes offline for a while and
// then reconnecting) deletes items or pages it is using.
const boards = useBoards('remote-deletes')

// Each test opens several Node clients (each one holds a process 'exit' listener): close them
// when the test ends rather than all at the end of the file.
afterEach(() => {
  for (const c of boards.clients.splice(0)) c.destroy()
})

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message)
  return r.value
}

/** A synced Node client on `room`, closed after the file. */
async function collaborator(room: string): Promise<Client> {
  const c = newClient(boards.server.wsUrl, room)
  boards.clients.push(c)
  await synced(c.provider)
  return c
}

/** Goes offline; `reconnect` comes back and waits for the resync. */
function offline(c: Client): { reconnect(): Promise<void> } {
  c.provider.disconnect()
  return {
    async reconnect() {
      c.provider.connect()
      await synced(c.provider)
    },
  }
}

const pageIds = (page: Page) => page.evaluate(() => [...window.__tessera!.doc.getMap('pages').keys()].sort())
const storePage = (page: Page) => page.evaluate(() => window.__tessera!.store.get().pageId)
const selection = (page: Page) => page.evaluate(() => [...window.__tessera!.store.get().selection])
const itemPages = (page: Page) =>
  page.evaluate(() => [...window.__tessera!.doc.getMap('items').values()].map((v) => (v as { get(k: string): unknown }).get('pageId') as string))

/** Deletes page `id` through the page bar (the tab must be the current page), accepting the confirm. */
async function deletePageInUi(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="page-tab-${id}"] button`)
  page.once('dialog', (d) => void d.accept())
  await page.click(`[data-testid="page-delete-${id}"]`)
}

/**
 * A board with a rect on page-1 and an ellipse on page "Two" (added by the collaborator `n`),
 * open in browser `a` once its tab for Two shows.
 */
async function twoPageBoard() {
  const { room } = await boards.seedRoom([{ type: 'rect', pageId: 'page-1', x: 0, y: 0 }])
  const n = await collaborator(room)
  const two = must(addPage(n.doc, 'Two'))
  must(addItems(n.doc, [{ type: 'ellipse', pageId: two }]))
  const a = await boards.open(room, 1)
  await a.waitForSelector(`[data-testid="page-tab-${two}"]`)
  return { n, two, a }
}

describe('remote deletes in the browser', () => {
  it('concurrent removals of the two pages leave a page to draw on, the same for everyone', async () => {
    const { n, two, a } = await twoPageBoard()
    // the collaborator, offline, removes Two while A removes page-1: each still saw two pages
    const away = offline(n)
    must(removePage(n.doc, two))
    await deletePageInUi(a, 'page-1')
    await waitFor(async () => (await pageIds(a)).join() === two, { message: 'A removed page-1' })
    await away.reconnect()
    // after the merge nobody has a page left for a moment; the board re-creates page-1
    await waitFor(async () => (await pageIds(a)).join() === 'page-1', { message: 'A has page-1 again' })
    await waitFor(() => listPages(n.doc).map((p) => p.id).join() === 'page-1', { message: 'the collaborator has page-1 again' })
    expect(await storePage(a)).toBe('page-1')
    expect(await a.locator('[data-testid^="page-tab-"]').count()).toBe(1)
    // what A draws now lands on that page, visible, for everyone
    await a.keyboard.press('r')
    const at = await toScreen(a, { x: 0, y: 0 })
    await drag(a, at, { x: at.x + 120, y: at.y + 80 })
    await waitFor(async () => (await itemPages(a)).join() === 'page-1', { message: 'the rect is on page-1' })
    await waitFor(() => readItems(n.doc, 'page-1').items.length === 1, { message: 'the collaborator sees it on page-1' })
    await a.waitForFunction(() => window.__tessera!.rendered === 1)
  })

  it('items drawn offline on a page someone removed are removed too, not left invisible in the doc', async () => {
    const { n, two, a } = await twoPageBoard()
    const away = offline(n)
    must(addItems(n.doc, [{ type: 'sticky', pageId: two, text: 'drawn offline' }]))
    await deletePageInUi(a, two)
    await waitFor(async () => (await pageIds(a)).join() === 'page-1', { message: 'A removed Two' })
    await away.reconnect()
    await waitFor(async () => (await itemPages(a)).join() === 'page-1', { message: "A removed the collaborator's sticky" })
    await waitFor(() => orphanItemIds(n.doc).length === 0, { message: 'the collaborator has no item on a missing page' })
    expect(readItems(n.doc).items.map((i) => i.type)).toEqual(['rect'])
  })

  it('a board holding items on a removed page exports a JSON file that imports', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', pageId: 'page-1', x: 0, y: 0 }])
    // two collaborators and no browser: nobody cleans up, the orphan stays on the server
    const n1 = await collaborator(room)
    const n2 = await collaborator(room)
    const two = must(addPage(n1.doc, 'Two'))
    await waitFor(() => listPages(n2.doc).length === 2, { message: 'n2 sees Two' })
    const away = offline(n2)
    const [orphan] = must(addItems(n2.doc, [{ type: 'ellipse', pageId: two }]))
    must(removePage(n1.doc, two))
    await away.reconnect()
    await waitFor(() => orphanItemIds(n1.doc).join() === orphan, { message: 'the orphan reached n1' })

    const a = await boards.open(room, 1)
    await a.click('[data-testid="menu-button"]')
    const [json] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid="menu-export-json"]')])
    const text = readFileSync((await json.path())!, 'utf8')
    const scene = must(parseScene(text))
    expect(scene.pages.map((p) => p.id)).toEqual(['page-1'])
    expect(scene.items.map((i) => i.type)).toEqual(['rect'])
    // and the backup restores
    const { room: fresh } = await boards.seedRoom([])
    const b = await boards.open(fresh, 0)
    await b.waitForFunction(() => window.__tessera!.synced)
    await b.setInputFiles('[data-testid="import-file-input"]', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) })
    await b.waitForFunction(() => window.__tessera!.rendered === 1)
  })

  it('dragging two items while a collaborator deletes one moves the other, in every replica', async () => {
    const { room, ids } = await boards.seedRoom([
      { type: 'rect', pageId: 'page-1', x: -200, y: -100, width: 120, height: 80 },
      { type: 'rect', pageId: 'page-1', x: 100, y: -100, width: 120, height: 80 },
    ])
    const [kept, gone] = ids as [string, string]
    const n = await collaborator(room)
    const a = await boards.open(room, 2)
    await a.evaluate((ids) => window.__tessera!.store.setSelection(ids), [kept, gone])
    const zoom = await a.evaluate(() => window.__tessera!.store.get().camera.zoom)
    const from = await toScreen(a, { x: -140, y: -60 })
    await a.mouse.move(from.x, from.y)
    await a.mouse.down()
    await a.mouse.move(from.x + 60, from.y + 30, { steps: 6 })
    await waitFor(() => (readItem(n.doc, kept)?.x ?? -200) > -200, { message: 'the drag reaches the collaborator' })
    must(removeItems(n.doc, [gone]))
    await a.waitForFunction((id) => !window.__tessera!.doc.getMap('items').has(id), gone)
    await a.mouse.move(from.x + 200, from.y + 120, { steps: 10 })
    await a.mouse.up()
    const want = { x: -200 + 200 / zoom, y: -100 + 120 / zoom }
    const at = (it: { x: number; y: number } | null | undefined) => it && Math.abs(it.x - want.x) < 0.01 && Math.abs(it.y - want.y) < 0.01
    await waitFor(() => at(readItem(n.doc, kept)), { message: `the collaborator sees the item at ${want.x},${want.y}` })
    const inA = await a.evaluate((id) => {
      const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): number }
      return { x: m.get('x'), y: m.get('y') }
    }, kept)
    expect(at(inA)).toBeTruthy()
  })

  it('a selection keeps working when a collaborator deletes one of its items', async () => {
    const inits: ItemInit[] = [
      { type: 'rect', pageId: 'page-1', x: -300, y: -100, width: 100, height: 100 },
      { type: 'ellipse', pageId: 'page-1', x: -100, y: -100, width: 100, height: 100 },
      { type: 'rect', pageId: 'page-1', x: 100, y: -100, width: 100, height: 100 },
      { type: 'line', pageId: 'page-1', x: -300, y: 150, width: 500, height: 0, points: [0, 0, 500, 0] },
    ]
    const { room, ids } = await boards.seedRoom(inits)
    const [r1, e, r2, line] = ids as [string, string, string, string]
    const n = await collaborator(room)
    const a = await boards.open(room, 4)
    const empty = await toScreen(a, { x: 0, y: 300 })
    await a.mouse.click(empty.x, empty.y) // focus the canvas
    await a.evaluate((ids) => window.__tessera!.store.setSelection(ids), [r1, e, r2])
    must(removeItems(n.doc, [r1]))
    await waitFor(async () => (await selection(a)).join() === [e, r2].join(), { message: 'the deleted item left the selection' })
    await a.keyboard.press('ArrowRight')
    await waitFor(() => readItem(n.doc, e)?.x === -99 && readItem(n.doc, r2)?.x === 101, { message: 'the nudge moved both' })
    await a.keyboard.press('Control+]')
    await waitFor(() => readItems(n.doc).items.map((i) => i.id).join() === [line, e, r2].join(), { message: 'both went to the front' })
    await a.keyboard.press('Control+d')
    await waitFor(() => readItems(n.doc).items.length === 5, { message: 'both were duplicated' })
    const sel = await selection(a)
    expect(sel).toHaveLength(2)
    expect(sel.map((id) => readItem(n.doc, id)?.type)).toEqual(['ellipse', 'rect'])
  })
})
