// History panel in the browser on a 10,000-item board (issue 18's benchmark; the server-side parts
// are in bench/history.ts): `node scripts/tsx.mjs bench/historyBrowser.ts [--runs N]` (needs dist/
// built). Each run: a fresh room of 10,000 items named "start", every item then moved and the
// state named "moved"; the board opened in a fresh headless Chromium context (1280×800); then
//   open     Ctrl+Shift+H → the version list is shown (includes fetching the panel's lazy chunk)
//   show     click "start" → the version is loaded and its preview has drawn its items in view
//   restore  "Restore this version" → the restorer's board, and another person's (a Node
//            client), have every item back where "start" had it
// Real server (SQLite), real Chromium; medians over the runs.
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { openBoard } from '../test/helpers/app'
import { launchBrowser } from '../test/helpers/browser'
import { newClient, synced, type Client } from '../test/helpers/clients'
import { startServer, type RunningServer } from '../test/helpers/server'
import { waitFor } from '../test/helpers/waitFor'
import { board } from './roomCosts'
import { median, round } from './stats'

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3
const N = 10_000
const DX = 37

async function named(server: RunningServer, room: string, label: string): Promise<number> {
  const r = await fetch(`${server.url}/api/rooms/${encodeURIComponent(room)}/versions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ label }) })
  if (r.status !== 201) throw new Error(`naming ${label}: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { id: number }).id
}

const xOf = (doc: Y.Doc, id: string) => (doc.getMap('items').get(id) as Y.Map<unknown> | undefined)?.get('x')

/** A room with "start" (10,000 items) and "moved" (every item DX further right) versions; the watcher stays connected. */
async function seed(server: RunningServer, room: string): Promise<{ watcher: Client; probe: string; startX: number }> {
  const writer = newClient(server.wsUrl, room)
  const watcher = newClient(server.wsUrl, room)
  await Promise.all([synced(writer.provider), synced(watcher.provider)])
  Y.applyUpdate(writer.doc, board(N))
  await waitFor(() => watcher.doc.getMap('items').size === N, { timeout: 120_000, message: 'seeded' })
  await named(server, room, 'start')
  const items = writer.doc.getMap('items')
  const probe = [...items.keys()].at(-1)!
  const startX = xOf(writer.doc, probe) as number
  writer.doc.transact(() => items.forEach((m) => (m as Y.Map<unknown>).set('x', ((m as Y.Map<unknown>).get('x') as number) + DX)))
  await waitFor(() => xOf(watcher.doc, probe) === startX + DX, { timeout: 120_000, message: 'moved' })
  await named(server, room, 'moved')
  writer.destroy()
  return { watcher, probe, startX }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

const server = await startServer({ args: ['--open'], startTimeoutMs: 90_000 })
const browser = await launchBrowser()
const rows: Array<{ open: number; show: number; restoreSelf: number; restoreOther: number; rendered: number }> = []
try {
  for (let run = 0; run < RUNS; run++) {
    const room = `history-bench-${Date.now().toString(36)}-${run}`
    const { watcher, probe, startX } = await seed(server, room)
    const { context, page } = await openBoard(browser, server.url, room)
    try {
      await page.waitForFunction(({ n, probe, x }) => {
        const t = window.__tessera
        const item = t?.doc.getMap('items').get(probe) as { get(k: string): unknown } | undefined
        return Boolean(t && t.synced && t.rendered > 0 && t.doc.getMap('items').size === n && item?.get('x') === x)
      }, { n: N, probe, x: startX + DX }, { timeout: 120_000 })
      const rendered = await page.evaluate(() => window.__tessera!.rendered)
      const open = await timed(async () => {
        await page.keyboard.press('Control+Shift+H')
        await waitFor(async () => (await page.getByTestId('history-version').count()) >= 2, { timeout: 60_000, interval: 5 })
      })
      const show = await timed(async () => {
        await page.getByTestId('history-version').filter({ hasText: 'start' }).click()
        await page.waitForFunction((n) => {
          const el = document.querySelector('[data-testid="history-preview"]')
          return el?.getAttribute('data-items') === String(n) && Number(el.getAttribute('data-rendered') ?? 0) > 0
        }, N, { timeout: 60_000, polling: 'raf' }).catch(async (err: unknown) => {
          const el = page.locator('[data-testid="history-preview"]')
          console.error('preview attributes:', await el.getAttribute('data-items').catch(() => null), await el.getAttribute('data-rendered').catch(() => null))
          await page.screenshot({ path: 'bench/tmp/history-bench-fail.png' })
          throw err
        })
      })
      const previewRendered = Number(await page.getAttribute('[data-testid="history-preview"]', 'data-rendered'))
      const t0 = performance.now()
      let restoreSelf = 0
      await page.getByTestId('history-restore').click()
      const other = waitFor(() => xOf(watcher.doc, probe) === startX, { timeout: 60_000, interval: 2, message: 'the other person sees the restore' }).then(() => performance.now() - t0)
      await page.waitForFunction(({ probe, x }) => (window.__tessera!.doc.getMap('items').get(probe) as { get(k: string): unknown }).get('x') === x, { probe, x: startX }, { timeout: 60_000, polling: 'raf' })
      restoreSelf = performance.now() - t0
      const restoreOther = await other
      rows.push({ open, show, restoreSelf, restoreOther, rendered: previewRendered })
      console.error(`run ${run + 1}/${RUNS}: open ${Math.round(open)} ms, show ${Math.round(show)} ms (${previewRendered} items drawn in the preview, ${rendered} on the live board), restore ${Math.round(restoreSelf)} ms here / ${Math.round(restoreOther)} ms for the other person`)
    } finally {
      await context.close()
      watcher.destroy()
    }
  }
} finally {
  await browser.close()
  await server.dispose()
}

const m = (f: (r: (typeof rows)[number]) => number) => round(median(rows.map(f)))
const all = (f: (r: (typeof rows)[number]) => number) => rows.map((r) => Math.round(f(r))).join(', ')
console.log(`| measure (10,000-item board, median of ${RUNS}) | ms | runs |`)
console.log('| --- | ---: | --- |')
console.log(`| open the History panel (Ctrl+Shift+H → versions listed) | ${m((r) => r.open)} | ${all((r) => r.open)} |`)
console.log(`| show a version (click → preview drawn, ${rows[0]?.rendered ?? 0} items in view) | ${m((r) => r.show)} | ${all((r) => r.show)} |`)
console.log(`| restore it, every item moved since — the restorer's board | ${m((r) => r.restoreSelf)} | ${all((r) => r.restoreSelf)} |`)
console.log(`| restore it — another person's board | ${m((r) => r.restoreOther)} | ${all((r) => r.restoreOther)} |`)
process.exit(0)
