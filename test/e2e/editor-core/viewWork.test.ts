import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { addItems, ensureDefaultPage, itemsMap } from '../../../src/doc'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { launchBrowser } from '../../helpers/browser'
import { openBoard } from '../../helpers/app'
import { waitFor } from '../../helpers/waitFor'
import { toScreen, waitRendered } from './helpers'

// How little a pan or zoom costs: the items layer draws only the items that touch the viewport
// (items are mounted for a larger window so that panning needs no React work) and sizes its hit
// canvas only when it is first read; the zoom readout is not re-rendered on every frame.
let server: RunningServer
let browser: Browser
const clients: Client[] = []

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await browser?.close()
  await server?.dispose()
})

let roomSeq = 0
/** A fresh room holding `items` (added by a stock client of this file's server); its name and the new ids. */
async function roomWith(prefix: string, items: Parameters<typeof addItems>[1]): Promise<{ room: string; ids: string[] }> {
  const room = `${prefix}-${Date.now().toString(36)}-${roomSeq++}`
  const c = newClient(server.wsUrl, room)
  clients.push(c)
  await synced(c.provider)
  ensureDefaultPage(c.doc)
  const r = addItems(c.doc, items)
  if (!r.ok) throw new Error(r.message)
  await waitFor(() => itemsMap(c.doc).size === items.length)
  return { room, ids: r.value }
}
/**
 * At zoom 1 in a 1280×800 window centred on the origin the viewport spans x ∈ [-640, 640]; the
 * mounted window reaches 20% further (x up to 896). `edge` is mounted but off screen, `far` is
 * not mounted at all.
 */
async function seedRoom(): Promise<{ room: string; left: string; edge: string; far: string }> {
  const { room, ids } = await roomWith('view', [
    { type: 'rect', pageId: 'page-1', x: -300, y: 0, width: 120, height: 80, fill: '#dbeafe', stroke: '#1d4ed8' },
    { type: 'rect', pageId: 'page-1', x: 700, y: 0, width: 120, height: 80, fill: '#dcfce7', stroke: '#15803d' },
    { type: 'rect', pageId: 'page-1', x: 5000, y: 0, width: 120, height: 80, fill: '#fee2e2', stroke: '#b91c1c' },
  ])
  const [left, edge, far] = ids as [string, string, string]
  return { room, left, edge, far }
}

/** Redraws the items layer once and reports which item nodes are mounted and which were drawn. */
async function drawnItems(page: Page): Promise<{ mounted: string[]; drawn: string[]; hitWidth: number }> {
  return page.evaluate(() => {
    type Node = { id(): string; drawScene: (...a: unknown[]) => unknown }
    type Layer = { getChildren(): Node[]; draw(): void; hitCanvas: { width: number } }
    const konva = (window as unknown as { Konva: { stages: { getLayers(): Layer[] }[] } }).Konva
    const layer = konva.stages[0]!.getLayers()[0]!
    const drawn: string[] = []
    const children = layer.getChildren()
    for (const child of children) {
      const original = child.drawScene
      child.drawScene = function (this: Node, ...a: unknown[]) {
        drawn.push(this.id())
        return original.apply(this, a)
      }
    }
    try {
      layer.draw()
    } finally {
      for (const child of children) delete (child as Partial<Node>).drawScene // back to the prototype's
    }
    return { mounted: children.map((c) => c.id()), drawn, hitWidth: layer.hitCanvas.width }
  })
}

async function setCamera(page: Page, x: number): Promise<void> {
  await page.evaluate((x) => window.__tessera!.store.setCamera({ x, y: 0, zoom: 1 }), x)
}

describe('items layer drawing', () => {
  it('draws only the items in the viewport, follows the camera, and keeps a dragged item drawn', async () => {
    const { room, left, edge, far } = await seedRoom()
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await waitRendered(page, 2)

      let d = await drawnItems(page)
      expect(d.mounted.sort()).toEqual([left, edge].sort())
      expect(d.drawn).toEqual([left]) // `edge` is mounted for panning but off screen
      expect(d.mounted).not.toContain(far)
      expect(d.hitWidth).toBe(0) // no hit canvas until a pointer needs one

      // pan right: `edge` comes into view, `left` leaves it
      await setCamera(page, 500) // viewport x ∈ [-140, 1140]
      d = await drawnItems(page)
      expect(d.drawn).toEqual([edge])
      expect(d.mounted).toContain(left) // still inside the mounted window

      // drag `left` while its place in the document is off screen: the node being moved is drawn
      await setCamera(page, 0)
      const from = await toScreen(page, { x: -240, y: 40 })
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      await page.mouse.move(from.x + 400, from.y, { steps: 8 })
      await setCamera(page, 500)
      d = await drawnItems(page)
      expect(d.drawn).toContain(left)
      expect(d.hitWidth).toBeGreaterThan(0) // the pointer-down read the hit graph
      await page.mouse.up()
      await waitFor(async () => (await page.evaluate((id) => (window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown }).get('x'), left)) === 100, {
        message: 'the dragged item lands 400 px to the right',
      })
      d = await drawnItems(page)
      expect(d.drawn.sort()).toEqual([left, edge].sort())
    } finally {
      await context.close()
    }
  })
})

describe('dot grid', () => {
  it('is painted on the items canvas under the items, and moves with the camera', async () => {
    const { room } = await seedRoom()
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await waitRendered(page, 2)
      // 1280×800 at zoom 1 centred on the origin: dots every 24 px at screen x, y ≡ 16 (mod 24);
      // (-300, 0)–(-180, 80) in the scene is the blue rectangle, at screen (340, 400)–(460, 480)
      const pixels = (points: Array<[number, number]>) =>
        page.evaluate((pts) => {
          const konva = (window as unknown as { Konva: { stages: { getLayers(): { draw(): void; getCanvas(): { _canvas: HTMLCanvasElement } }[] }[] } }).Konva
          const layer = konva.stages[0]!.getLayers()[0]!
          layer.draw()
          const g = layer.getCanvas()._canvas.getContext('2d')!
          return pts.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data).join(','))
        }, points)
      const [dot, between, underItem] = await pixels([[160, 160], [172, 172], [352, 424]])
      expect(dot).toBe('211,215,222,255') // #d3d7de
      expect(between).toBe('0,0,0,0')
      expect(underItem).toBe('219,234,254,255') // the rectangle's fill (#dbeafe) covers the dot
      // pan by 12 px: the dots move with the scene
      await page.evaluate(() => window.__tessera!.store.setCamera({ x: -12, y: -12, zoom: 1 }))
      const [movedDot, oldPlace] = await pixels([[172, 172], [160, 160]])
      expect(movedDot).toBe('211,215,222,255')
      expect(oldPlace).toBe('0,0,0,0')
    } finally {
      await context.close()
    }
  })
})

describe('text items', () => {
  it('a redraw does not measure text again (the font metrics are remembered)', async () => {
    const { room } = await roomWith('view-text', [
      { type: 'text', pageId: 'page-1', x: -200, y: -50, width: 160, height: 30, text: 'Hello', fontSize: 20 },
      { type: 'sticky', pageId: 'page-1', x: 50, y: -50, width: 120, height: 120, text: 'Note' },
    ])
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await waitRendered(page, 2)
      const counts = await page.evaluate(() => {
        const proto = CanvasRenderingContext2D.prototype
        const original = proto.measureText
        let calls = 0
        proto.measureText = function (this: CanvasRenderingContext2D, t: string) {
          calls++
          return original.call(this, t)
        }
        try {
          const konva = (window as unknown as { Konva: { stages: { getLayers(): { draw(): void; find(s: string): unknown[] }[] }[] } }).Konva
          const layer = konva.stages[0]!.getLayers()[0]!
          layer.draw()
          const first = calls
          calls = 0
          layer.draw()
          return { texts: layer.find('Text').length, first, second: calls }
        } finally {
          proto.measureText = original
        }
      })
      expect(counts.texts).toBe(2)
      expect(counts.second).toBe(0)
    } finally {
      await context.close()
    }
  })
})

describe('text items far zoomed out', () => {
  it('are drawn as faint bars, not glyphs, when their letters would be under 4 px; as glyphs when larger', async () => {
    const { room } = await roomWith('view-greek', [
      { type: 'text', pageId: 'page-1', x: -200, y: -50, width: 160, height: 30, text: 'Hello', fontSize: 20 },
      { type: 'sticky', pageId: 'page-1', x: 50, y: -50, width: 120, height: 120, text: 'Note' },
      { type: 'rect', pageId: 'page-1', x: -200, y: 100, width: 160, height: 80, text: 'Label' },
    ])
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await waitRendered(page, 3)
      /** one redraw of the items layer at `zoom`: glyph runs drawn, faint bars drawn */
      const drawAt = async (zoom: number) => {
        await page.evaluate((z) => window.__tessera!.store.setCamera({ x: 0, y: 0, zoom: z }), zoom)
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
        return page.evaluate(() => {
          const proto = CanvasRenderingContext2D.prototype
          const { fillText, fillRect } = proto
          let glyphs = 0
          let bars = 0
          proto.fillText = function (this: CanvasRenderingContext2D, ...a: Parameters<typeof fillText>) {
            glyphs++
            return fillText.apply(this, a)
          }
          proto.fillRect = function (this: CanvasRenderingContext2D, ...a: Parameters<typeof fillRect>) {
            if (this.globalAlpha < 0.5) bars++
            return fillRect.apply(this, a)
          }
          try {
            const konva = (window as unknown as { Konva: { stages: { getLayers(): { draw(): void }[] }[] } }).Konva
            konva.stages[0]!.getLayers()[0]!.draw()
            return { glyphs, bars }
          } finally {
            proto.fillText = fillText
            proto.fillRect = fillRect
          }
        })
      }
      // 20 px letters at 10%: 2 px on screen
      const far = await drawAt(0.1)
      expect(far.glyphs).toBe(0)
      expect(far.bars).toBeGreaterThanOrEqual(3)
      const near = await drawAt(1)
      expect(near.glyphs).toBeGreaterThanOrEqual(3)
      expect(near.bars).toBe(0)
    } finally {
      await context.close()
    }
  })
})

describe('zoom readout', () => {
  it('follows a continuous zoom at most about ten times a second and ends on the final zoom', async () => {
    const { room } = await seedRoom()
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await waitRendered(page, 2)
      const r = await page.evaluate(
        () =>
          new Promise<{ updates: number; text: string; frames: number; ms: number }>((resolve) => {
            const el = document.querySelector('[data-testid="zoom-reset"]')!
            let updates = 0
            const mo = new MutationObserver(() => updates++)
            mo.observe(el, { subtree: true, childList: true, characterData: true })
            const store = window.__tessera!.store
            // 100% → 200% over 40 frames, one camera change per frame (however long a frame takes
            // on a loaded machine: the readout's limit is per second, so it is checked against the
            // time the zoom really took)
            const FRAMES = 40
            const start = performance.now()
            let frames = 0
            const step = () => {
              frames++
              store.setCamera({ x: 0, y: 0, zoom: 1 + frames / FRAMES })
              if (frames < FRAMES) requestAnimationFrame(step)
              else {
                const ms = performance.now() - start
                setTimeout(() => {
                  mo.disconnect()
                  resolve({ updates, text: el.textContent ?? '', frames, ms })
                }, 300)
              }
            }
            requestAnimationFrame(step)
          }),
      )
      expect(r.frames).toBe(40) // the zoom was animated frame by frame
      expect(r.updates).toBeGreaterThan(0)
      // at most about ten a second while it ran, plus the final value (a readout that followed
      // every frame would change 40 times)
      expect(r.updates).toBeLessThanOrEqual(Math.ceil(r.ms / 100) + 3)
      expect(r.text).toBe('200%')
    } finally {
      await context.close()
    }
  })
})
