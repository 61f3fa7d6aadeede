// Editor speed in headless Chromium against the real server:
//   load      navigation → all visible items of a 10,000-item board rendered
//   pan/zoom  frame times (requestAnimationFrame deltas) while the camera pans and zooms for 5 s
//   drag      frame times while one item is dragged with the mouse
// Run: npm run bench:editor (serves dist/; set TESSERA_STATIC_DIR to use another build).
// Options: --items N (default 10000), --seconds S (default 5), --board mixed (issue 17: 20% arrows
// bound to shapes, 10% labelled shapes; see editorMixed.ts), --sketch (with --board mixed: all
// rects, ellipses and arrows hand-drawn), --only load --loads K (the load alone, K times in fresh
// contexts, with its phases; --cpu adds the main-thread CPU time read from a trace, --profile FILE
// writes CPU profiles, --settle S waits S seconds after seeding, --fit times Shift+1 after; see
// editorLoad.ts).
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { addItems, ensureDefaultPage, itemsMap, type ItemInit } from '../src/doc'
import { startServer } from '../test/helpers/server'
import { newClient, synced } from '../test/helpers/clients'
import { launchBrowser } from '../test/helpers/browser'
import { waitFor } from '../test/helpers/waitFor'
import { dragAll, fitPan, fitZoom, pasteTime, type FrameSummary } from './editorBig'
import { mixedItems } from './editorMixed'
import { bulkOps, type OpTiming } from './editorOps'
import { START_FRAMES, stopFrames } from './frames'
import { formatLoad, loadOnce } from './editorLoad'

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : def
}
const N = arg('items', 10_000)
const SECONDS = arg('seconds', 5)
/** --only load: only the load, `--loads K` times (after `--settle S` seconds: 35 lets the room go dormant) (fresh context each; --fit: then Shift+1 until all drawn; --profile FILE: CPU profiles; --cpu: main-thread CPU time from a trace); --only big: just the big-selection scenarios (zoom-to-fit pan and zoom, select-all drag, bulk edits, paste); --only fit: pan and zoom; --only drag; --only ops (nudge, restyle, rotate, resize, delete of everything); --only paste */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
const ONLY_BIG = ONLY !== undefined
const runs = (part: 'fit' | 'drag' | 'ops' | 'paste') => ONLY === undefined || ONLY === 'big' || ONLY === part
const MIXED = process.argv.includes('--board') && process.argv[process.argv.indexOf('--board') + 1] === 'mixed'
const SKETCH = process.argv.includes('--sketch')
const ROOM = 'bench-editor'
const SPACING = 160

/** A square grid of mixed items centred on the origin. */
export function seedItems(n: number): ItemInit[] {
  const side = Math.ceil(Math.sqrt(n))
  const half = (side * SPACING) / 2
  const fills = ['#dbeafe', '#dcfce7', '#fee2e2', '#fef3c7', '#ede9fe']
  const out: ItemInit[] = []
  for (let i = 0; i < n; i++) {
    const x = (i % side) * SPACING - half
    const y = Math.floor(i / side) * SPACING - half
    const fill = fills[i % fills.length]!
    switch (i % 6) {
      case 0:
        out.push({ type: 'rect', pageId: 'page-1', x, y, width: 120, height: 90, fill, stroke: '#334155' })
        break
      case 1:
        out.push({ type: 'ellipse', pageId: 'page-1', x, y, width: 120, height: 90, fill, stroke: '#334155' })
        break
      case 2:
        out.push({ type: 'sticky', pageId: 'page-1', x, y, width: 120, height: 120, text: `Note ${i}` })
        break
      case 3:
        out.push({ type: 'text', pageId: 'page-1', x, y, width: 120, height: 30, text: `Label ${i}`, fontSize: 20 })
        break
      case 4:
        out.push({ type: 'arrow', pageId: 'page-1', x, y, points: [0, 0, 110, 60] })
        break
      default:
        out.push({ type: 'path', pageId: 'page-1', x, y, points: [0, 0, 20, 30, 50, 20, 80, 50, 110, 30] })
    }
  }
  return out
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** one frame at 60 Hz, ms */
const FRAME_MS = 1000 / 60

/**
 * Percentiles of requestAnimationFrame deltas, and the frames that missed a vsync. A delta is a
 * difference of two coarsened timestamps (Chromium rounds them to 0.1 ms and adds jitter), so a
 * run that never misses a frame still shows deltas of 16.6–16.8 ms; a missed vsync shows as
 * ~33.3 ms. `late` counts deltas over 1.5 frames: frames that were not ready in time.
 */
function summary(deltas: number[]): FrameSummary {
  const s = [...deltas].sort((a, b) => a - b)
  const late = s.filter((d) => d > 1.5 * FRAME_MS).length
  return { frames: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] ?? NaN, late }
}


const PAN_ZOOM = (seconds: number) => `new Promise(function (resolve) {
  const store = window.__tessera.store
  const start = performance.now()
  function step(t) {
    const s = (t - start) / 1000
    if (s >= ${seconds}) return resolve(null)
    // a slow figure-eight across a few thousand scene units, zooming between 0.5 and 1.5
    store.setCamera({ x: Math.sin(s * 0.9) * 2500, y: Math.sin(s * 1.8) * 1200, zoom: 1 + 0.5 * Math.sin(s * 1.3) })
    requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
})`

/** Starts recording requestAnimationFrame deltas in the page. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES)
}

async function main(): Promise<void> {
  const staticDir = process.env.TESSERA_STATIC_DIR ?? path.resolve(import.meta.dirname, '..', 'dist')
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`no web build in ${staticDir}: run \`npm run build\` (or set TESSERA_STATIC_DIR)`)
    process.exit(2)
  }
  const server = await startServer({ args: ['--open'], env: { TESSERA_STATIC_DIR: staticDir } })
  const seeder = newClient(server.wsUrl, ROOM)
  const browser = await launchBrowser()
  try {
    await synced(seeder.provider, 60_000)
    ensureDefaultPage(seeder.doc)
    const t0 = performance.now()
    const mixed = MIXED ? mixedItems(N, { sketch: SKETCH }) : null
    const r = addItems(seeder.doc, mixed ? mixed.inits : seedItems(N))
    if (!r.ok) throw new Error(r.message)
    if (mixed) console.log(`mixed board: ${mixed.counts.boundArrows} bound arrows, ${mixed.counts.labelled} labelled shapes${SKETCH ? ', all shapes and arrows sketched' : ''}`)
    const check = newClient(server.wsUrl, ROOM)
    await synced(check.provider, 60_000)
    await waitFor(() => itemsMap(check.doc).size === N, { timeout: 60_000, message: 'seeded items on the server' })
    check.destroy()
    console.log(`seeded ${N} items in ${(performance.now() - t0).toFixed(0)} ms`)

    if (ONLY === 'load') {
      const profile = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined
      const settle = arg('settle', 0)
      if (settle > 0) await new Promise((r) => setTimeout(r, settle * 1000))
      for (let i = 0; i < arg('loads', 1); i++) {
        const l = await loadOnce(browser, `${server.url}/r/${ROOM}`, { profile: profile ? profile.replace(/(\.cpuprofile)?$/, `-${i}.cpuprofile`) : undefined, trace: i === 0 && process.argv.includes('--trace') ? process.argv[process.argv.indexOf('--trace') + 1] : undefined, cpu: process.argv.includes('--cpu'), fit: process.argv.includes('--fit'), fitProfile: i === 0 && process.argv.includes('--fit-profile') ? process.argv[process.argv.indexOf('--fit-profile') + 1] : undefined })
        console.log(formatLoad(l))
      }
      return
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => console.error('page error:', e.message))

    // ---- load -------------------------------------------------------------------
    await page.goto(`${server.url}/r/${ROOM}`)
    await page.waitForFunction(
      () => performance.getEntriesByName('tessera:rendered').some((e) => ((e as PerformanceMark).detail as number) > 0),
      null,
      { timeout: 60_000 },
    )
    const load = await page.evaluate(() => {
      const mark = performance.getEntriesByName('tessera:rendered').find((e) => ((e as PerformanceMark).detail as number) > 0)!
      const sync = performance.getEntriesByName('tessera:synced')[0]
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
      const apply = performance.getEntriesByName('tessera:scene-apply')[0]
      const decode = performance.getEntriesByName('tessera:apply-server-update')[0]
      const app = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => /\/assets\/mountApp-/.test(e.name) && e.name.endsWith('.js'))
      return { ms: mark.startTime, apply: apply?.duration ?? NaN, decode: decode?.duration ?? NaN, appChunk: app?.responseEnd ?? NaN, synced: sync?.startTime ?? NaN, dom: nav?.domContentLoadedEventEnd ?? NaN, mounted: (mark as PerformanceMark).detail as number, total: window.__tessera!.doc.getMap('items').size }
    })
    console.log(
      `load: ${load.ms.toFixed(0)} ms (${load.total} items in the doc, ${load.mounted} mounted after culling; ` +
        `DOMContentLoaded ${load.dom.toFixed(0)} ms, app chunk loaded ${load.appChunk.toFixed(0)} ms, ` +
        `first sync applied in ${load.decode.toFixed(0)} ms, doc synced ${load.synced.toFixed(0)} ms, ` +
        `scene model build ${load.apply.toFixed(0)} ms)`,
    )
    await page.waitForTimeout(500)

    // ---- big selections and zoomed-to-fit (issue 15) ------------------------------------
    const fmtS = (s: ReturnType<typeof summary>) => `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(0)} ms, late ${s.late} of ${s.frames}${s.redraws === undefined ? '' : `, ${s.redraws} full redraws`}`
    if (runs('fit')) {
      const fit = await fitPan(page, SECONDS, summary)
      const fitZ = await fitZoom(page, SECONDS, summary)
      console.log(`zoom-to-fit wheel pan of ${N}: ${fmtS(fit)}`)
      console.log(`zoom-to-fit Ctrl+wheel zoom of ${N}: ${fmtS(fitZ)}`)
    }
    if (runs('drag')) {
      const all = await dragAll(page, Math.min(SECONDS, 3), summary)
      console.log(`select-all (${all.selected}) + drag: ${fmtS(all.frames)}; moved: ${all.moved}; pointer up → written ${all.writeMs} ms`)
    }
    if (runs('ops')) {
      // a collaborator on the same board sees each edit (issue 15: "the other person too")
      const peer = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
      await peer.goto(`${server.url}/r/${ROOM}`)
      await peer.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, N, { timeout: 300_000 })
      const o = await bulkOps(page, peer, summary)
      await peer.context().close()
      const fmtO = (t: OpTiming) => `${t.ms} ms (longest frame ${t.maxFrameMs} ms); the collaborator sees it at ${t.peerMs} ms (longest frame ${t.peerMaxFrameMs} ms)`
      console.log(`select-all (${o.selected}) + ${o.presses} arrow-key nudges at ~30/s: ${fmtS(o.nudgeFrames)}; moved ${o.moved}, ${o.nudgeUndoSteps} undo step${o.nudgeUndoSteps === 1 ? '' : 's'}`)
      console.log(`  last press → written ${fmtO(o.nudge)}`)
      console.log(`  restyle (stroke colour, ${o.restyleUndoSteps} undo step${o.restyleUndoSteps === 1 ? '' : 's'}) ${fmtO(o.restyle)}`)
      console.log(`  rotate (handle) ${fmtO(o.rotate)}`)
      console.log(`  resize (a box handle) ${fmtO(o.resize)}`)
      console.log(`  delete ${fmtO(o.remove)}`)
      console.log(`  undo of the delete ${fmtO(o.undoRemove)}`)
    }
    if (runs('paste')) {
      const PASTE = Math.min(2000, N)
      const alone = await pasteTime(browser, server.url, ROOM, PASTE, false)
      const withPeer = await pasteTime(browser, server.url, ROOM, PASTE, true)
      console.log(`paste of ${PASTE}: alone ${alone} ms, with a collaborator online ${withPeer} ms`)
    }
    if (ONLY_BIG) return

    // ---- pan / zoom ---------------------------------------------------------------
    await startFrames(page)
    await page.evaluate(PAN_ZOOM(SECONDS))
    const panZoom = summary(await stopFrames(page))

    // wheel events through the real input path (fewer frames: each wheel is a round trip)
    await page.evaluate(() => window.__tessera!.store.setCamera({ x: 0, y: 0, zoom: 1 }))
    await page.mouse.move(640, 400)
    await startFrames(page)
    const wheelEnd = Date.now() + SECONDS * 1000
    for (let i = 0; Date.now() < wheelEnd && i < 10_000; i++) {
      if (i % 40 < 20) await page.mouse.wheel(30, 18)
      else await page.mouse.wheel(-30, -18)
    }
    const wheel = summary(await stopFrames(page))

    // ---- drag one item ------------------------------------------------------------
    // the rect nearest to the origin, centred in the viewport
    const target = await page.evaluate(() => {
      const { doc, store } = window.__tessera!
      let best: { id: string; x: number; y: number } | null = null
      doc.getMap('items').forEach((v, id) => {
        const m = v as { get(k: string): unknown }
        const x = m.get('x') as number
        const y = m.get('y') as number
        if (m.get('type') === 'rect' && (!best || Math.hypot(x, y) < Math.hypot(best.x, best.y))) best = { id, x, y }
      })
      const b = best as { id: string; x: number; y: number } | null
      if (b) store.setCamera({ x: b.x + 60, y: b.y + 45, zoom: 1 })
      let arrows = 0
      doc.getMap('items').forEach((v) => {
        const m = v as { get(k: string): { itemId?: string } | undefined }
        if (b && (m.get('startBinding')?.itemId === b.id || m.get('endBinding')?.itemId === b.id)) arrows++
      })
      return b && { ...b, arrows }
    })
    if (!target) throw new Error('no rect to drag')
    await page.waitForTimeout(300)
    const start = { x: 640, y: 400 }
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await startFrames(page)
    const dragEnd = Date.now() + Math.min(SECONDS, 3) * 1000
    for (let i = 0; Date.now() < dragEnd && i < 10_000; i++) {
      const a = i / 20
      await page.mouse.move(start.x + Math.sin(a) * 200, start.y + Math.cos(a) * 120 - 120)
    }
    const drag = summary(await stopFrames(page))
    await page.mouse.up()
    const moved = await page.evaluate((id) => {
      const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown } | undefined
      return m ? { x: m.get('x'), y: m.get('y') } : null
    }, target.id)

    const fmt = (n: number) => n.toFixed(2).padStart(7)
    console.log('')
    console.log(`scenario                  frames     p50 ms   p95 ms   max ms   late (> 1.5 frames)`)
    for (const [name, s] of [
      ['pan/zoom (camera, rAF)', panZoom],
      ['wheel pan (mouse.wheel)', wheel],
      ['drag one item', drag],
    ] as const)
      console.log(`${name.padEnd(24)} ${String(s.frames).padStart(7)} ${fmt(s.p50)}  ${fmt(s.p95)}  ${fmt(s.max)}   ${s.late} (${((100 * s.late) / s.frames).toFixed(1)}%)`)
    console.log(`\ndragged item ended at ${JSON.stringify(moved)} (started at ${JSON.stringify({ x: target.x, y: target.y })}; ${target.arrows} arrows bound to it)`)
    await context.close()
  } finally {
    await browser.close()
    seeder.destroy()
    await server.dispose()
  }
}

await main()
