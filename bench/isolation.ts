// A busy room beside a quiet one: the quiet room (10 clients, one writing at 30 Hz) is timed alone,
// then again while one client of a busy room sends 100 new items every 20 ms (updates built before
// the run and applied to that client's document, so its provider sends them; that client runs in
// a process of its own, bench/isolationBusy.ts, so its work does not delay the quiet room's
// receivers). Both rooms use real providers; the quiet room's p99 is what a user in another room
// feels while one room works hard.
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, type ItemInit } from '../src/doc'
import { LatencyProbe, openRoom } from './bigRoom'
import { openClient } from './clients'
import type { Target } from './targets'
import { percentile } from './stats'
import type { BusyCommand, BusyReply } from './isolationBusy'
import { clientLoopDelay, serverLoopDelay, type LoopDelay } from './loopDelay'

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

export interface PhaseResult {
  p50: number
  p99: number
  /** the load generator's event loop over the phase */
  client: LoopDelay
  /** the server's (null unless it was started with bench/loopDelayPreload.mjs, see `loopFile`) */
  server: LoopDelay | null
}

export interface IsolationResult {
  alone: PhaseResult
  besideBusy: PhaseResult
  /** items/s of the busy room that came back to its sender (relayed) while the quiet room was timed beside it, and items/s it sent */
  busyRelayed: number
  busySent: number
  /** the quiet room while another room's document grows by large inserts (null when not run) */
  besideLarge: PhaseResult | null
}

async function quietPhase(probe: LatencyProbe, seconds: number, loopFile?: string): Promise<PhaseResult> {
  const from = Date.now()
  const clientLoop = clientLoopDelay()
  probe.measure(true)
  await sleep(seconds * 1000)
  probe.measure(false)
  const client = clientLoop()
  const s = probe.take()
  return { p50: percentile(s, 50), p99: percentile(s, 99), client, server: loopFile ? serverLoopDelay(loopFile, from, Date.now()) : null }
}

/**
 * The quiet room while one client of a third room inserts LARGE_INSERTS.bytes of text every
 * everyMs (issue 16, row 5: storing, compacting and snapshotting a growing document), timed from
 * the first insert until settleSeconds after the last.
 */
async function largePhase(t: Target, tag: string, probe: LatencyProbe, loopFile?: string): Promise<PhaseResult> {
  const cfg = LARGE_INSERTS
  const big = openClient(t.name, t.port, `large-${tag}`, { presence: 'own' })
  try {
    await big.synced
    const text = 'x'.repeat(cfg.bytes)
    const from = Date.now()
    const clientLoop = clientLoopDelay()
    probe.measure(true)
    for (let i = 0; i < cfg.count; i++) {
      big.doc.getText('notes').insert(0, text)
      await sleep(cfg.everyMs)
    }
    await sleep(cfg.settleSeconds * 1000)
    probe.measure(false)
    const client = clientLoop()
    const s = probe.take()
    return { p50: percentile(s, 50), p99: percentile(s, 99), client, server: loopFile ? serverLoopDelay(loopFile, from, Date.now()) : null }
  } finally {
    big.destroy()
  }
}

/** The busy room's client in its own process (bench/isolationBusy.ts), synced and waiting for 'start'. */
async function forkBusy(t: Target, room: string, count: number): Promise<{ proc: ChildProcess; tell(m: BusyCommand): void; stop(): void; mark(): Promise<Extract<BusyReply, { kind: 'mark' }>> }> {
  const root = path.resolve(import.meta.dirname, '..')
  const proc = fork(path.join(root, 'scripts/tsx.mjs'), [path.join(import.meta.dirname, 'isolationBusy.ts'), t.name, String(t.port), room, String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const replies: Array<(m: BusyReply) => void> = []
  proc.on('message', (m: BusyReply) => replies.shift()?.(m))
  const next = () => new Promise<BusyReply>((resolve, reject) => {
    replies.push(resolve)
    proc.once('exit', () => reject(new Error('the busy client exited')))
  })
  await next()
  let stopped = false
  return {
    proc,
    tell: (m) => proc.send(m),
    stop: () => {
      if (stopped) return
      stopped = true
      proc.send('stop')
    },
    mark: async () => {
      const reply = next()
      proc.send('mark')
      return (await reply) as Extract<BusyReply, { kind: 'mark' }>
    },
  }
}

/** `loopFile`: where the server reports its event-loop delay (started with loopDelayServerArgs) */
export async function isolationRun(t: Target, opts: { large?: boolean; loopFile?: string } = {}): Promise<IsolationResult> {
  const cfg = ISOLATION
  const count = Math.ceil((cfg.seconds + 2) * cfg.busyHz) + 1
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`
  const quiet = await openRoom(t, `quiet-${tag}`, cfg.quietClients, 'own')
  const busy = await forkBusy(t, `busy-${tag}`, count)
  const probe = new LatencyProbe(quiet, cfg.writeHz)
  try {
    probe.start()
    await sleep(cfg.warmupSeconds * 1000)
    const alone = await quietPhase(probe, cfg.seconds, opts.loopFile)
    busy.tell('start')
    await sleep(500)
    // the busy room's throughput: its updates' bytes coming back to their sender (every server echoes them)
    const m0 = await busy.mark()
    const t0 = performance.now()
    const besideBusy = await quietPhase(probe, cfg.seconds, opts.loopFile)
    const m1 = await busy.mark()
    const seconds = (performance.now() - t0) / 1000
    const perUpdate = (m1.sentBytes - m0.sentBytes) / Math.max(1, m1.sent - m0.sent)
    const busyRelayed = (((m1.echoed - m0.echoed) / perUpdate) * cfg.itemsPerUpdate) / seconds
    const busySent = ((m1.sent - m0.sent) * cfg.itemsPerUpdate) / seconds
    busy.stop()
    const besideLarge = opts.large ? await largePhase(t, tag, probe, opts.loopFile) : null
    return { alone, besideBusy, busyRelayed, busySent, besideLarge }
  } finally {
    probe.stop()
    for (const c of quiet) c.destroy()
    busy.stop()
    await sleep(500)
  }
}
