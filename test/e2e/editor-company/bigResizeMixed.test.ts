// Issue 15, big selections on a diagram: stretching a selection of labelled boxes, pen strokes and
// arrows bound at both ends with the selection box's corner. Their nodes take the new labels' wrap
// box, the strokes' scaled points and the arrows' re-resolved ends in one pass, here and at the
// collaborator's, without an item component render, and draw what a page opened afresh draws.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addItems, ensureDefaultPage, itemsMap, type ItemInit } from '../../../src/doc'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { dragBoxCorner, openFitted, renders } from './bigBoard'

const env = useServerAndBrowser()
const PAIRS = 80
const COUNT = PAIRS * 4

/** PAIRS rows: a box (labelled on even rows), an ellipse, an arrow bound between them, a pen stroke. */
async function seed(wsUrl: string): Promise<string> {
  const room = `big-resize-mixed-${Date.now()}`
  const seeder = newClient(wsUrl, room)
  await synced(seeder.provider)
  ensureDefaultPage(seeder.doc)
  const inits: ItemInit[] = []
  for (let i = 0; i < PAIRS; i++) {
    const x = (i % 10) * 600
    const y = Math.floor(i / 10) * 600
    inits.push({ id: `a${i}`, type: 'rect', pageId: 'page-1', x, y, width: 120, height: 80, ...(i % 2 === 0 ? { text: `Step ${i} of the plan` } : {}) })
    inits.push({ id: `b${i}`, type: 'ellipse', pageId: 'page-1', x: x + 250, y, width: 120, height: 80, text: `End ${i}` })
    inits.push({ id: `p${i}`, type: 'path', pageId: 'page-1', x: x + 420, y, points: [0, 0, 20, 30, 50, 10, 80, 40] })
  }
  for (let i = 0; i < PAIRS; i++)
    inits.push({ id: `l${i}`, type: 'arrow', pageId: 'page-1', x: 0, y: 0, points: [0, 0, 10, 0], startBinding: { itemId: `a${i}`, anchor: [0.5, 0.5] }, endBinding: { itemId: `b${i}`, anchor: [0.5, 0.5] } })
  expect(addItems(seeder.doc, inits).ok).toBe(true)
  const check = newClient(wsUrl, room)
  try {
    await synced(check.provider)
    await waitFor(() => itemsMap(check.doc).size === COUNT, { timeout: 30_000, message: 'the server to hold the seeded items' })
  } finally {
    check.destroy()
    seeder.destroy()
  }
  return room
}

const open = (room: string): Promise<Page> => openFitted(env.browser, env.server.url, room, COUNT)


/** What each item's nodes draw: class, placement, size, points and label box of the node and its children (rounded). */
function drawn(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    type N = { id(): string; name(): string; getClassName(): string; getAttr(k: string): unknown; children?: N[] }
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): N[] }[] }[] } }
    const r = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : Array.isArray(v) ? v.map((x: number) => Math.round(x * 1e4) / 1e4) : v)
    const keys = ['x', 'y', 'rotation', 'scaleX', 'scaleY', 'width', 'height', 'radiusX', 'radiusY', 'offsetX', 'offsetY', 'points', 'tension', 'fontSize', 'text', 'cornerRadius']
    const attrs = (n: N): unknown => ({ kind: n.getClassName(), ...Object.fromEntries(keys.map((k) => [k, r(n.getAttr(k))]).filter(([, v]) => v !== undefined)), children: (n.children ?? []).map(attrs) })
    const out: Record<string, unknown> = {}
    for (const n of w.Konva.stages[0]!.getLayers()[0]!.getChildren()) if (n.name() === 'item') out[n.id()] = attrs(n)
    return out
  })
}

describe('big selections on a diagram, resized', () => {
  it(`Ctrl+A on ${COUNT} labelled boxes, pen strokes and bound arrows, a drag of the box's corner: no item component re-rendered here or at the collaborator's, both draw what a fresh page draws`, async () => {
    const room = await seed(env.server.wsUrl)
    const a = await open(room)
    const b = await open(room)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    await a.waitForTimeout(500)
    for (const p of [a, b]) await p.evaluate(() => void (window.__tesseraRenderCounts = {}))
    const w0 = await a.evaluate(() => (window.__tessera!.doc.getMap('items').get('a3') as { get(k: string): number }).get('width'))

    await dragBoxCorner(a, -40, -25)
    const stretched = (w: number) => (window.__tessera!.doc.getMap('items').get('a3') as { get(k: string): number }).get('width') !== w
    await a.waitForFunction(stretched, w0, { timeout: 20_000 })
    await b.waitForFunction(stretched, w0, { timeout: 20_000 })

    const c = await open(room)
    const fresh = await drawn(c)
    expect(Object.keys(fresh)).toHaveLength(COUNT)
    for (const p of [a, b]) await waitFor(async () => JSON.stringify(await drawn(p)) === JSON.stringify(fresh), { timeout: 10_000, message: 'the page to draw what a fresh page draws' })
    expect(await drawn(a)).toEqual(fresh)
    expect(await drawn(b)).toEqual(fresh)
    expect(await renders(a)).toBe(0)
    expect(await renders(b)).toBe(0)
  })
})
