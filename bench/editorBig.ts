// The big-selection scenarios of `npm run bench:editor` (issue 15): everything selected and
// dragged, a zoomed-to-fit board panned, and a paste of 2,000 items alone and with a
// collaborator online. In-page code is passed as strings (see editor.ts).
import type { Browser, Page } from 'playwright-core'
import { START_FRAMES, stopFrames } from './frames'

export interface FrameSummary {
  frames: number
  p50: number
  p95: number
  max: number
  late: number
  /** full draws of the items layer into its bitmaps while recording (the expensive frames) */
  redraws?: number
}

export type Summarise = (deltas: number[]) => FrameSummary


const REDRAWS = `performance.getEntriesByName('tessera:items-bitmap-draw').length`

async function record(page: Page, summary: Summarise, run: () => Promise<void>): Promise<FrameSummary> {
  const before = (await page.evaluate(REDRAWS)) as number
  await page.evaluate(START_FRAMES)
  await run()
  const s = summary(await stopFrames(page))
  return { ...s, redraws: ((await page.evaluate(REDRAWS)) as number) - before }
}

/** Waits until the number of mounted items has not changed for a second (culling caught up). */
export async function mounted(page: Page): Promise<void> {
  let last = -1
  for (let stable = 0, i = 0; stable < 4 && i < 240; i++) {
    await page.waitForTimeout(250)
    const n = (await page.evaluate('window.__tessera.rendered')) as number
    stable = n === last ? stable + 1 : 0
    last = n
  }
}

/** Screen point of the centre of the selected item nearest the viewport's centre. */
async function grabPoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const { doc, store } = window.__tessera
    const s = store.get()
    const c = s.camera, v = s.viewportSize
    let best = null, bd = Infinity
    for (const id of s.selection) {
      const m = doc.getMap('items').get(id)
      if (!m || m.get('type') !== 'rect') continue
      const x = m.get('x') + m.get('width') / 2, y = m.get('y') + m.get('height') / 2
      const d = Math.hypot(x - c.x, y - c.y)
      if (d < bd) { bd = d; best = { x, y } }
    }
    const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect()
    return { x: r.left + (best.x - c.x) * c.zoom + v.width / 2, y: r.top + (best.y - c.y) * c.zoom + v.height / 2 }
  })()`)
}

/** Shift+1 (zoom to fit), Ctrl+A, then a drag of everything for `seconds`; Ctrl+Z puts it back. */
export async function dragAll(page: Page, seconds: number, summary: Summarise): Promise<{ frames: FrameSummary; selected: number; moved: boolean; writeMs: number }> {
  await page.mouse.click(5, 400) // focus the canvas
  await page.keyboard.press('Shift+Digit1')
  await mounted(page)
  await page.keyboard.press('Control+a')
  const selected = (await page.evaluate('window.__tessera.store.get().selection.length')) as number
  await page.waitForTimeout(500)
  const start = await grabPoint(page)
  const before = (await page.evaluate(`window.__tessera.doc.getMap('items').get(window.__tessera.store.get().selection[0]).get('x')`)) as number
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  const frames = await record(page, summary, async () => {
    const end = Date.now() + seconds * 1000
    for (let i = 0; Date.now() < end && i < 10_000; i++) {
      const a = i / 20
      await page.mouse.move(start.x + Math.sin(a) * 150, start.y + Math.cos(a) * 90 - 90)
    }
  })
  const t0 = Date.now()
  await page.mouse.up()
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
  const writeMs = Date.now() - t0
  const after = (await page.evaluate(`window.__tessera.doc.getMap('items').get(window.__tessera.store.get().selection[0]).get('x')`)) as number
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Escape')
  return { frames, selected, moved: after !== before, writeMs }
}

/** Shift+1, then wheel-pan back and forth for `seconds` at that zoom. */
export async function fitPan(page: Page, seconds: number, summary: Summarise): Promise<FrameSummary> {
  await page.mouse.click(5, 400)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Digit1')
  await mounted(page)
  await page.mouse.move(640, 400)
  return record(page, summary, async () => {
    const end = Date.now() + seconds * 1000
    for (let i = 0; Date.now() < end && i < 10_000; i++) {
      if (i % 40 < 20) await page.mouse.wheel(30, 18)
      else await page.mouse.wheel(-30, -18)
    }
  })
}

/** Shift+1, then Ctrl+wheel zoom in and out around the viewport's centre for `seconds`. */
export async function fitZoom(page: Page, seconds: number, summary: Summarise): Promise<FrameSummary> {
  await page.mouse.click(5, 400)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Digit1')
  await mounted(page)
  await page.mouse.move(640, 400)
  await page.keyboard.down('Control')
  try {
    return await record(page, summary, async () => {
      const end = Date.now() + seconds * 1000
      // zoom in for 15 wheel steps then out for 15: between fit and about 2x fit
      for (let i = 0; Date.now() < end && i < 10_000; i++) await page.mouse.wheel(0, i % 30 < 15 ? -5 : 5)
    })
  } finally {
    await page.keyboard.up('Control')
  }
}

/**
 * Selects `n` items, copies them (the system clipboard) and pastes; the time from Ctrl+V until
 * the doc holds the copies. `peer`: a second page on the same board, online while it happens.
 */
export async function pasteTime(browser: Browser, url: string, room: string, n: number, peer: boolean): Promise<number> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url })
  const page = await ctx.newPage()
  const other = peer ? await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage() : null
  try {
    for (const p of [page, other]) {
      if (!p) continue
      await p.goto(`${url}/r/${room}`)
      await p.waitForFunction('window.__tessera && window.__tessera.synced === true', null, { timeout: 60_000 })
    }
    await page.mouse.click(5, 400)
    await page.evaluate(`(() => {
      const { doc, store } = window.__tessera
      store.setSelection([...doc.getMap('items').keys()].slice(0, ${n}))
    })()`)
    await page.keyboard.press('Control+c')
    await page.waitForTimeout(500)
    const before = (await page.evaluate(`window.__tessera.doc.getMap('items').size`)) as number
    const t0 = Date.now()
    await page.keyboard.press('Control+v')
    await page.waitForFunction(`window.__tessera.doc.getMap('items').size >= ${before + n}`, null, { timeout: 120_000, polling: 20 })
    // and the page is responsive again (the paste's rendering done)
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
    const ms = Date.now() - t0
    await page.keyboard.press('Control+z')
    return ms
  } finally {
    await other?.context().close()
    await ctx.close()
  }
}
