// The load scenario of `npm run bench:editor`: navigation → the visible items of the seeded board
// rendered, in a fresh browser context each time, with the phases the page marks. `--only load
// --loads K` repeats it K times; `--fit` also times Shift+1 right after the load until every item
// is mounted and drawn; `--profile FILE` writes a Chromium CPU profile of the first load
// (.cpuprofile, opens in Chrome DevTools' Performance panel).
import { writeFileSync } from 'node:fs'
import { loadCpu, type LoadCpu } from './traceCpu'
import type { Browser } from 'playwright-core'

export interface LoadFigures {
  /** navigation → `tessera:rendered` with items mounted, ms */
  ms: number
  /** duration of applying the first sync (Yjs), ms */
  decode: number
  /** duration of the scene model's first build, ms */
  apply: number
  appChunk: number
  synced: number
  dom: number
  mounted: number
  total: number
  /** when the browser received the server's big first sync frame, ms after the document request, and when applying it started (page clock) */
  frameAt?: number
  /** the WebSocket's handshake and its first frame sent (sync step 1), ms after the document request */
  wsAt?: number
  sentAt?: number
  applyAt: number
  /** with cpu: main-thread CPU of the load (see traceCpu.ts) */
  cpu?: LoadCpu | null
  /** with fit: Shift+1 → every item of the page mounted and a frame drawn, ms */
  fitMs?: number
}

export async function loadOnce(browser: Browser, url: string, opts: { profile?: string; trace?: string; cpu?: boolean; fit?: boolean; fitProfile?: string } = {}): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    page.on('pageerror', (e) => console.error('page error:', e.message))
    const cdp = opts.profile ? await context.newCDPSession(page) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await cdp.send('Profiler.start')
    }
    // when the big first-sync frame reached the browser, from the document request (CDP monotonic clock)
    let frameAt: number | undefined
    let docAt: number | undefined
    let wsAt: number | undefined
    let sentAt: number | undefined
    const net = await context.newCDPSession(page)
    await net.send('Network.enable')
    net.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Document' && docAt === undefined) docAt = e.timestamp
    })
    net.on('Network.webSocketWillSendHandshakeRequest', (e) => {
      if (docAt !== undefined && wsAt === undefined) wsAt = Math.round((e.timestamp - docAt) * 1000)
    })
    net.on('Network.webSocketFrameSent', (e) => {
      if (docAt !== undefined && sentAt === undefined) sentAt = Math.round((e.timestamp - docAt) * 1000)
    })
    net.on('Network.webSocketFrameReceived', (e) => {
      if (frameAt === undefined && docAt !== undefined && e.response.payloadData.length > 100_000) frameAt = Math.round((e.timestamp - docAt) * 1000)
    })
    if (opts.trace) await browser.startTracing(page, { path: opts.trace, categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-v8.gc'] })
    else if (opts.cpu) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'loading', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] })
    await page.goto(url)
    await page.waitForFunction(
      () => performance.getEntriesByName('tessera:rendered').some((e) => ((e as PerformanceMark).detail as number) > 0),
      null,
      { timeout: 60_000 },
    )
    let cpu: LoadCpu | null = null
    if (opts.trace || opts.cpu) {
      await page.waitForTimeout(300)
      const buf = await browser.stopTracing()
      if (process.env.TESSERA_BENCH_KEEP_TRACE) writeFileSync(process.env.TESSERA_BENCH_KEEP_TRACE, buf)
      cpu = loadCpu(JSON.parse(buf.toString('utf8')))
    }
    if (cdp && opts.profile) {
      // stopped at once: the profile covers the load up to the first items rendered (not the idle work after)
      const { profile } = await cdp.send('Profiler.stop')
      writeFileSync(opts.profile, JSON.stringify(profile))
    }
    const load = await page.evaluate(() => {
      const mark = performance.getEntriesByName('tessera:rendered').find((e) => ((e as PerformanceMark).detail as number) > 0)!
      const sync = performance.getEntriesByName('tessera:synced')[0]
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
      const apply = performance.getEntriesByName('tessera:scene-apply')[0]
      const decode = performance.getEntriesByName('tessera:apply-server-update')[0]
      const app = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => /\/assets\/mountApp-/.test(e.name) && e.name.endsWith('.js'))
      return { applyAt: decode?.startTime ?? NaN, ms: mark.startTime, apply: apply?.duration ?? NaN, decode: decode?.duration ?? NaN, appChunk: app?.responseEnd ?? NaN, synced: sync?.startTime ?? NaN, dom: nav?.domContentLoadedEventEnd ?? NaN, mounted: (mark as PerformanceMark).detail as number, total: window.__tessera!.doc.getMap('items').size }
    })
    if (!opts.fit) return { ...load, frameAt, wsAt, sentAt, cpu }
    await page.mouse.click(5, 400)
    const fitCdp = opts.fitProfile ? await context.newCDPSession(page) : null
    if (fitCdp) {
      await fitCdp.send('Profiler.enable')
      await fitCdp.send('Profiler.setSamplingInterval', { interval: 500 })
      await fitCdp.send('Profiler.start')
    }
    const t0 = Date.now()
    await page.keyboard.press('Shift+Digit1')
    await page.waitForFunction((n) => window.__tessera!.rendered >= n, load.total, { timeout: 60_000, polling: 'raf' })
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
    const fitMs = Date.now() - t0
    if (fitCdp && opts.fitProfile) writeFileSync(opts.fitProfile, JSON.stringify((await fitCdp.send('Profiler.stop')).profile))
    return { ...load, frameAt, wsAt, sentAt, cpu, fitMs }
  } finally {
    await context.close()
  }
}

export function formatLoad(l: LoadFigures): string {
  return (
    `load: ${l.ms.toFixed(0)} ms (${l.total} items in the doc, ${l.mounted} mounted after culling; ` +
    `DOMContentLoaded ${l.dom.toFixed(0)} ms, app chunk loaded ${l.appChunk.toFixed(0)} ms, ` +
    `socket opened ${l.wsAt ?? '?'} ms, step 1 sent ${l.sentAt ?? '?'} ms, first sync received ${l.frameAt ?? '?'} ms, applied from ${l.applyAt.toFixed(0)} ms in ${l.decode.toFixed(0)} ms, doc synced ${l.synced.toFixed(0)} ms, ` +
    `scene model build ${l.apply.toFixed(0)} ms)` +
    (l.cpu ? `; main-thread CPU ${l.cpu.total.toFixed(0)} ms (before the sync ${l.cpu.before.toFixed(0)}, sync task ${l.cpu.syncTask.toFixed(0)})` : '') +
    (l.fitMs === undefined ? '' : `; Shift+1 → all ${l.total} drawn ${l.fitMs} ms`)
  )
}
