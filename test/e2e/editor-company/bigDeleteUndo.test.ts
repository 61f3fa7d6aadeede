// Issue 15, big selections: the undo of a delete of hundreds of (restyled) items puts the very
// nodes that were drawn back into the items layer, in z-order, without React unmounting the item components
// on the delete nor mounting them again on the undo (a 10,000-item undo spent 0.6 s there). Once
// anything else changes what the layer mounts, the parked components unmount, and an undo after
// that mounts the items again through React.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { newClient, synced } from '../../helpers/clients'
import { addItems } from '../../../src/doc'
import { N, openFitted, renders, seedGrid } from './bigBoard'

const env = useServerAndBrowser()

interface Drawn {
  /** item ids of the layer's item nodes, bottom first */
  ids: string[]
  /** how many of them carry the tag put on the nodes before the delete (the same node objects) */
  tagged: number
  /** the items' ids sorted as the document orders them (index, then id) */
  zOrder: string[]
  size: number
}

function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { id(): string; name(): string; __tag?: boolean }[] }[] }[] } }
    const nodes = w.Konva.stages[0]!.getLayers()[0]!.getChildren().filter((n) => n.name() === 'item')
    const items: { id: string; index: string }[] = []
    window.__tessera!.doc.getMap('items').forEach((v, id) => items.push({ id, index: (v as { get(k: string): string }).get('index') }))
    items.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return { ids: nodes.map((n) => n.id()), tagged: nodes.filter((n) => n.__tag === true).length, zOrder: items.map((i) => i.id), size: items.length }
  })
}

const tagNodes = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { __tag?: boolean }[] }[] }[] } }
    for (const n of w.Konva.stages[0]!.getLayers()[0]!.getChildren()) n.__tag = true
  })

/** Clicks the middle of item `id` and returns the selection it makes. */
async function clickItem(page: Page, id: string): Promise<string[]> {
  const at = await page.evaluate((i) => {
    const { store, doc } = window.__tessera!
    const m = doc.getMap('items').get(i) as { get(k: string): number }
    const c = store.get().camera
    const v = store.get().viewportSize
    const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
    return { x: r.left + (m.get('x') + m.get('width') / 2 - c.x) * c.zoom + v.width / 2, y: r.top + (m.get('y') + m.get('height') / 2 - c.y) * c.zoom + v.height / 2 }
  }, id)
  await page.mouse.click(at.x, at.y)
  return page.evaluate(() => [...window.__tessera!.store.get().selection])
}

describe('big selections: the undo of a delete', () => {
  it(`Delete of ${N} selected and restyled items, then Ctrl+Z: the same nodes back in the layer, in z-order, no item component rendered; after a collaborator's add, an undo mounts them again`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-delete-undo')
    const page = await openFitted(env.browser, env.server.url, room, N)
    const before = await drawn(page)
    expect(before.ids).toHaveLength(N)
    expect(before.ids).toEqual(before.zOrder)
    await tagNodes(page)

    await page.keyboard.press('Control+a')
    await page.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, N)
    await page.evaluate(() => void (window.__tesseraRenderCounts = {}))
    // restyled first: their nodes change behind their components' backs (had those rendered on
    // the undo, each would have built a new node, re-indexing the layer once per item)
    await page.click('[data-testid="style-stroke-1971c2"]')
    await page.waitForFunction(() => {
      const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { stroke(): string }[] }[] }[] } }
      return w.Konva.stages[0]!.getLayers()[0]!.getChildren().every((n) => n.stroke() === '#1971c2')
    }, null, { timeout: 20_000 })
    // its own undo step (a delete within the undo manager's capture time would join it)
    await page.evaluate(() => window.__tessera!.undo.stopCapturing())
    await page.keyboard.press('Delete')
    await waitFor(async () => {
      const d = await drawn(page)
      return d.size === 0 && d.ids.length === 0
    }, { timeout: 20_000, message: 'every item gone from the document and the layer' })

    await page.keyboard.press('Control+z')
    await waitFor(async () => (await drawn(page)).ids.length === N, { timeout: 20_000, message: 'every item drawn again' })
    const back = await drawn(page)
    expect(back.size).toBe(N)
    expect(back.ids).toEqual(before.ids)
    expect(back.tagged).toBe(N)
    expect(await renders(page)).toBe(0)
    // hit-testing finds them again (the hit graph is drawn from the layer's children)
    expect(await clickItem(page, before.ids[57]!)).toEqual([before.ids[57]])

    // delete again; a collaborator's new item changes what the layer mounts: the parked
    // components unmount with that change
    await page.keyboard.press('Control+a')
    await page.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, N)
    await page.keyboard.press('Delete')
    await waitFor(async () => (await drawn(page)).size === 0, { timeout: 20_000, message: 'every item gone again' })
    const other = newClient(env.server.wsUrl, room)
    try {
      await synced(other.provider)
      const r = addItems(other.doc, [{ type: 'ellipse', pageId: 'page-1', x: 40, y: 40, width: 60, height: 60, fill: '#00ff00' }])
      expect(r.ok).toBe(true)
      await page.waitForFunction(() => window.__tessera!.rendered === 1, null, { timeout: 20_000 })
    } finally {
      other.destroy()
    }
    expect((await drawn(page)).ids).toHaveLength(1)

    // the undo (of the delete: the collaborator's add is not ours) mounts them through React
    await page.keyboard.press('Control+z')
    await waitFor(async () => (await drawn(page)).ids.length === N + 1, { timeout: 20_000, message: 'every item drawn again, with the new one' })
    const again = await drawn(page)
    expect(again.size).toBe(N + 1)
    expect(again.ids).toEqual(again.zOrder)
    expect(again.tagged).toBe(0)
    expect(await clickItem(page, before.ids[123]!)).toEqual([before.ids[123]])
  })
})
