// A busy room beside a quiet one: the quiet room (10 clients, one writing at 30 Hz) is timed alone,
// then again while one client of a busy room sends 100 new items every 20 ms (updates built before
// the run and applied to that client's document, so its provider sends them). Both rooms use real
// providers; the quiet room's p99 is what a user in another room feels while one room works hard.
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, type ItemInit } from '../src/doc'
import { LatencyProbe, openRoom } from './bigRoom'
import { openClient } from './clients'
import type { Target } from './targets'
import { percentile } from './stats'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const ISOLATION = { quietClients: 10, writeHz: 30, busyHz: 50, itemsPerUpdate: 100, warmupSeconds: 1.5, seconds: 4 }

let built: Uint8Array[] | null = null

/** The busy room's updates, built once: each adds `itemsPerUpdate` items to the previous ones. */
export function busyUpdates(count: number): Uint8Array[] {
  if (built && built.length >= count) return built
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  ensureDefaultPage(doc)
  for (let i = 0; i < count; i++) {
    const items: ItemInit[] = Array.from({ length: ISOLATION.itemsPerUpdate }, (_, j) => ({ type: 'sticky', x: j * 10, y: i * 10, text: `busy ${i}.${j}` }))
    const r = addItems(doc, items)
    if (!r.ok) throw new Error(r.message)
  }
  doc.destroy()
  return (built = updates)
}

/** the large-insert phase: a string this big inserted every `everyMs`, `count` times (the document grows to 24 MB) */
export const LARGE_INSERTS = { bytes: 4 * 1024 * 1024, everyMs: 1000, count: 6, settleSeconds: 2 }

export interface IsolationResult {
  alone: { p50: number; p99: number }
  besideBusy: { p50: number; p99: number }
  /** the quiet room while another room's document grows by large inserts (null when not run) */
  besideLarge: { p50: number; p99: number } | null
}

async function quietPhase(probe: LatencyProbe, seconds: number): Promise<{ p50: number; p99: number }> {
  probe.measure(true)
  await sleep(seconds * 1000)
  probe.measure(false)
  const s = probe.take()
  return { p50: percentile(s, 50), p99: percentile(s, 99) }
}

/**
 * The quiet room while one client of a third room inserts LARGE_INSERTS.bytes of text every
 * everyMs (issue 16, row 5: storing, compacting and snapshotting a growing document), timed from
 * the first insert until settleSeconds after the last.
 */
async function largePhase(t: Target, tag: string, probe: LatencyProbe): Promise<{ p50: number; p99: number }> {
  const cfg = LARGE_INSERTS
  const big = openClient(t.name, t.port, `large-${tag}`, { presence: 'own' })
  try {
    await big.synced
    const text = 'x'.repeat(cfg.bytes)
    probe.measure(true)
    for (let i = 0; i < cfg.count; i++) {
      big.doc.getText('notes').insert(0, text)
      await sleep(cfg.everyMs)
    }
    await sleep(cfg.settleSeconds * 1000)
    probe.measure(false)
    const s = probe.take()
    return { p50: percentile(s, 50), p99: percentile(s, 99) }
  } finally {
    big.destroy()
  }
}

export async function isolationRun(t: Target, opts: { large?: boolean } = {}): Promise<IsolationResult> {
  const cfg = ISOLATION
  const updates = busyUpdates(Math.ceil((cfg.seconds + 2) * cfg.busyHz) + 1)
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`
  const quiet = await openRoom(t, `quiet-${tag}`, cfg.quietClients, 'own')
  const busy = openClient(t.name, t.port, `busy-${tag}`, { presence: 'own' })
  await busy.synced
  const probe = new LatencyProbe(quiet, cfg.writeHz)
  let hammer: NodeJS.Timeout | null = null
  try {
    probe.start()
    await sleep(cfg.warmupSeconds * 1000)
    const alone = await quietPhase(probe, cfg.seconds)
    let next = 0
    Y.applyUpdate(busy.doc, updates[next++]!)
    hammer = setInterval(() => next < updates.length && Y.applyUpdate(busy.doc, updates[next++]!), 1000 / cfg.busyHz)
    await sleep(500)
    const besideBusy = await quietPhase(probe, cfg.seconds)
    clearInterval(hammer)
    hammer = null
    const besideLarge = opts.large ? await largePhase(t, tag, probe) : null
    return { alone, besideBusy, besideLarge }
  } finally {
    if (hammer) clearInterval(hammer)
    probe.stop()
    for (const c of quiet) c.destroy()
    busy.destroy()
    await sleep(500)
  }
}
