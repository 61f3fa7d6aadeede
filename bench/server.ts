// Sync-server benchmark, ours vs @y/websocket-server@0.1.1 side by side, on 127.0.0.1 only:
// `node scripts/tsx.mjs bench/server.ts` (BENCH_RSS_WAIT_S=30 sets the wait after rooms close).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { addItems, ensureDefaultPage, type ItemInit } from '../src/doc'
import { StampedFrames } from './stampedFrames'

const root = path.resolve(import.meta.dirname, '..')
const HOST = '127.0.0.1'
const RSS_WAIT_S = Number(process.env.BENCH_RSS_WAIT_S ?? 30)
/** measured seconds per fan-out run, rounds per client count, unmeasured warm-up per run */
const FANOUT_SECONDS = Number(process.env.BENCH_FANOUT_S ?? 3)
const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 5)
const FANOUT_WARMUP_S = Number(process.env.BENCH_FANOUT_WARMUP_S ?? 1.5)

interface Target {
  name: 'ours' | 'reference'
  port: number
  proc: ChildProcess
  dataDir: string | null
}

export interface ServerBenchRow {
  measure: string
  ours: number
  reference: number
  unit: string
  /** what the ratio ours/reference should stay at or under */
  aim?: string
  /** how the figure varied (e.g. per-round min–max of a median over rounds) */
  note?: string
}

process.setMaxListeners(0)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, HOST, () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, HOST, () => (c.destroy(), resolve(true)))
      c.on('error', () => resolve(false))
    })
    if (ok) return
    await sleep(50)
  }
  throw new Error(`nothing listening on ${port}`)
}

export async function startOurs(dataDir: string, port?: number, nodeArgs: string[] = []): Promise<Target> {
  const p = port ?? (await freePort())
  const proc = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin/tessera.js'), 'serve', '--open', '--host', HOST, '--port', String(p), '--data', dataDir], {
    cwd: root, env: { ...process.env, TESSERA_UNLOAD_GRACE_MS: '300' }, stdio: ['ignore', 'ignore', 'ignore'],
  })
  await waitForPort(p)
  return { name: 'ours', port: p, proc, dataDir }
}

export async function startReference(): Promise<Target> {
  const port = await freePort()
  const proc = spawn(process.execPath, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], {
    cwd: root, env: { ...process.env, HOST, PORT: String(port) }, stdio: ['ignore', 'ignore', 'ignore'],
  })
  await waitForPort(port)
  return { name: 'reference', port, proc, dataDir: null }
}

export async function stop(t: Target): Promise<void> {
  if (t.proc.exitCode !== null) return
  const exited = new Promise((r) => t.proc.once('exit', r))
  t.proc.kill('SIGTERM')
  await exited
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Math.round(Number(m[1]) / 1024) : NaN
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function newProvider(port: number, room: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`ws://${HOST}:${port}`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  })
}

function whenSynced(p: WebsocketProvider): Promise<void> {
  return new Promise((resolve, reject) => {
    if (p.synced) return resolve()
    const t = setTimeout(() => reject(new Error('sync timeout')), 60_000)
    p.on('sync', (s: boolean) => s && (clearTimeout(t), resolve()))
  })
}

/** one fan-out run: every one-way latency sample (ms) from a sender's update to each other client */
async function fanoutSamples(port: number, clients: number, seconds: number, warmupSeconds: number): Promise<number[]> {
  const room = `fanout-${clients}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const latencies: number[] = []
  let measuring = false
  const sockets: WebSocket[] = []
  for (let id = 0; id < clients; id++) {
    const ws = new WebSocket(`ws://${HOST}:${port}/${room}`)
    ws.binaryType = 'nodebuffer'
    ws.on('message', (data: Buffer) => {
      if (!measuring || data[0] !== 0) return
      const now = performance.now()
      // Markers are `@@<sender>:<time>@@` inside the relayed update (Yjs stores strings as UTF-8).
      let at = data.indexOf('@@')
      while (at >= 0) {
        const end = data.indexOf('@@', at + 2)
        if (end < 0) break
        const [sender, t] = data.toString('latin1', at + 2, end).split(':')
        if (Number(sender) !== id) latencies.push(now - Number(t))
        at = data.indexOf('@@', end + 2)
      }
    })
    await new Promise((r) => ws.once('open', r))
    sockets.push(ws)
  }
  // every frame is encoded before the run; a send only writes the time into it (see StampedFrames)
  const perClient = Math.ceil((warmupSeconds + seconds + 1) * 30 * 1.2)
  const frames = sockets.map((_, id) => StampedFrames.build(id, perClient))
  const timers: NodeJS.Timeout[] = []
  sockets.forEach((ws, id) => {
    const start = setTimeout(() => {
      timers.push(setInterval(() => {
        const frame = frames[id]!.take(performance.now())
        if (frame && ws.readyState === ws.OPEN) ws.send(frame)
      }, 1000 / 30))
    }, (id * 33) / clients)
    timers.push(start)
  })
  // Warm-up (JIT, connection set-up, first syncs) is not measured.
  await sleep(warmupSeconds * 1000)
  measuring = true
  await sleep(seconds * 1000)
  measuring = false
  for (const t of timers) clearInterval(t)
  for (const ws of sockets) ws.terminate()
  await sleep(300)
  return latencies
}

export interface FanoutRound {
  p50: number
  p99: number
  samples: number
}

export interface FanoutResult {
  /** medians over rounds of the per-round percentiles */
  p50: number
  p99: number
  rounds: FanoutRound[]
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * Fan-out, ours and the reference interleaved: `rounds` rounds, each one run against both servers
 * (alternating which goes first, so neither always runs right after the other's load), each run a
 * fresh room of `clients` sockets with an unmeasured warm-up. Every sample of a run counts; the
 * result is the median over rounds of each run's p50 and p99, with every round kept for the spread.
 */
export async function fanoutInterleaved(
  ours: number, reference: number, clients: number,
  opts: { rounds?: number; seconds?: number; warmupSeconds?: number; log?: (s: string) => void } = {},
): Promise<{ ours: FanoutResult; reference: FanoutResult }> {
  const rounds = opts.rounds ?? FANOUT_ROUNDS
  const seconds = opts.seconds ?? FANOUT_SECONDS
  const warmup = opts.warmupSeconds ?? FANOUT_WARMUP_S
  const runs = { ours: [] as FanoutRound[], reference: [] as FanoutRound[] }
  for (let r = 0; r < rounds; r++) {
    const order: Array<'ours' | 'reference'> = r % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours']
    for (const which of order) {
      const samples = await fanoutSamples(which === 'ours' ? ours : reference, clients, seconds, warmup)
      samples.sort((a, b) => a - b)
      runs[which].push({ p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length })
    }
    const last = (w: 'ours' | 'reference') => runs[w][runs[w].length - 1]!
    opts.log?.(`  round ${r + 1}/${rounds}: p50/p99 ours ${last('ours').p50.toFixed(2)}/${last('ours').p99.toFixed(2)} ms, reference ${last('reference').p50.toFixed(2)}/${last('reference').p99.toFixed(2)} ms`)
  }
  const sum = (rs: FanoutRound[]): FanoutResult => ({ p50: median(rs.map((x) => x.p50)), p99: median(rs.map((x) => x.p99)), rounds: rs })
  return { ours: sum(runs.ours), reference: sum(runs.reference) }
}

/** "min–max" of a per-round figure, for the spread column */
export function spread(rs: FanoutRound[], key: 'p50' | 'p99'): string {
  const xs = rs.map((r) => r[key])
  return `${round(Math.min(...xs))}–${round(Math.max(...xs))}`
}

function items(n: number): ItemInit[] {
  return Array.from({ length: n }, (_, i) => ({ type: i % 2 ? 'rect' : 'sticky', x: (i % 100) * 120, y: Math.floor(i / 100) * 120, ...(i % 2 ? {} : { text: `note ${i}` }) }))
}

async function populate(port: number, room: string, n: number): Promise<void> {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const r = addItems(doc, items(n))
  if (!r.ok) throw new Error(r.message)
  const p = newProvider(port, room, doc)
  await whenSynced(p)
  // Confirm the server holds it all: a second client must see every item.
  const check = newProvider(port, room)
  await whenSynced(check)
  for (let i = 0; i < 600 && check.doc.getMap('items').size < n; i++) await sleep(50)
  p.destroy()
  check.destroy()
}

async function timeJoin(port: number, room: string, n: number): Promise<number> {
  const t0 = performance.now()
  const p = newProvider(port, room)
  await whenSynced(p)
  const ms = performance.now() - t0
  if (p.doc.getMap('items').size !== n) throw new Error(`join saw ${p.doc.getMap('items').size} items`)
  p.destroy()
  return ms
}

async function unloadedCount(port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      // A fresh connection each time: avoids racing the server's keep-alive timeout.
      const res = await fetch(`http://${HOST}:${port}/metrics`, { headers: { connection: 'close' } })
      return Number(/^tessera_rooms_unloaded_total (\S+)$/m.exec(await res.text())?.[1] ?? NaN)
    } catch (err) {
      if (attempt >= 3) throw err
      await sleep(100)
    }
  }
}

/** Ours: every join finds the room unloaded (state only on disk). Reference: the room stays in memory. */
async function coldJoin(t: Target, runs: number): Promise<number> {
  const room = 'cold-10k'
  let unloaded = t.name === 'ours' ? await unloadedCount(t.port) : 0
  await populate(t.port, room, 10_000)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    if (t.name === 'ours') {
      for (let j = 0; j < 200 && (await unloadedCount(t.port)) <= unloaded; j++) await sleep(50)
      unloaded = await unloadedCount(t.port)
    } else await sleep(500)
    times.push(await timeJoin(t.port, room, 10_000))
  }
  times.sort((a, b) => a - b)
  return percentile(times, 50)
}

async function manyRooms(t: Target, rooms: number): Promise<{ idle: number; open: number; after: number }> {
  await sleep(500)
  const idle = rssMb(t.proc.pid!)
  const providers: WebsocketProvider[] = []
  for (let i = 0; i < rooms; i++) {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    addItems(doc, items(50))
    providers.push(newProvider(t.port, `many-${i}`, doc))
  }
  for (const p of providers) await whenSynced(p)
  await sleep(1000)
  const open = rssMb(t.proc.pid!)
  for (const p of providers) p.destroy()
  await sleep(RSS_WAIT_S * 1000)
  return { idle, open, after: rssMb(t.proc.pid!) }
}

/** 10 stock clients each moving one item and its cursor at 30 Hz; bytes each receives per second. */
async function bytesPerClient(port: number, users: number, seconds: number): Promise<number> {
  const room = `bytes-${Date.now()}`
  const providers = Array.from({ length: users }, () => newProvider(port, room))
  await Promise.all(providers.map(whenSynced))
  const received = new Array<number>(users).fill(0)
  providers.forEach((p, i) => p.ws?.addEventListener('message', (e: MessageEvent) => (received[i]! += (e.data as ArrayBuffer).byteLength)))
  const ids = providers.map((p, i) => {
    const item = new Y.Map<unknown>()
    p.doc.transact(() => {
      item.set('type', 'rect')
      item.set('x', 0)
      item.set('y', 0)
      p.doc.getMap('items').set(`item-${i}`, item)
    })
    p.awareness.setLocalState({ user: { name: `u${i}`, color: '#333' }, cursor: null, selection: [`item-${i}`], viewport: { x: 0, y: 0, zoom: 1, pageId: 'p' }, following: null })
    return item
  })
  await sleep(500)
  received.fill(0)
  let tick = 0
  const timer = setInterval(() => {
    tick++
    providers.forEach((p, i) => {
      p.doc.transact(() => {
        ids[i]!.set('x', tick)
        ids[i]!.set('y', tick * 2)
      })
      p.awareness.setLocalStateField('cursor', { x: tick, y: tick * 2, pageId: 'p' })
    })
  }, 1000 / 30)
  await sleep(seconds * 1000)
  clearInterval(timer)
  for (const p of providers) p.destroy()
  return Math.round(received.reduce((a, b) => a + b, 0) / users / seconds)
}

export async function runServerBench(log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<ServerBenchRow[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'))
  let ours = await startOurs(dataDir)
  let ref = await startReference()
  const rows: ServerBenchRow[] = []
  try {
    for (const n of [20, 50]) {
      log(`fan-out ${n} clients, ${FANOUT_ROUNDS} interleaved rounds of ${FANOUT_SECONDS} s…`)
      const { ours: a, reference: b } = await fanoutInterleaved(ours.port, ref.port, n, { log })
      const rounds = `median of ${a.rounds.length} rounds`
      rows.push({ measure: `fan-out p50, ${n} clients @30 Hz (${rounds})`, ours: a.p50, reference: b.p50, unit: 'ms', note: `rounds: ours ${spread(a.rounds, 'p50')}, ref ${spread(b.rounds, 'p50')}` })
      rows.push({ measure: `fan-out p99, ${n} clients @30 Hz (${rounds})`, ours: a.p99, reference: b.p99, unit: 'ms', aim: '≤ 0.8', note: `rounds: ours ${spread(a.rounds, 'p99')}, ref ${spread(b.rounds, 'p99')}` })
    }
    log('cold join 10,000 items…')
    const cj = await coldJoin(ours, 5)
    const cr = await coldJoin(ref, 5)
    rows.push({ measure: 'join a 10,000-item room (ours from disk, reference in memory), median', ours: cj, reference: cr, unit: 'ms', aim: '≤ 1.0' })
    log('bytes per client…')
    const ba = await bytesPerClient(ours.port, 10, 4)
    const bb = await bytesPerClient(ref.port, 10, 4)
    rows.push({ measure: 'bytes received per client per second, 10 users moving items and cursors @30 Hz', ours: ba, reference: bb, unit: 'B/s' })
    log(`200 rooms, then ${RSS_WAIT_S} s after they close (fresh processes)…`)
    await stop(ours)
    await stop(ref)
    ours = await startOurs(dataDir)
    ref = await startReference()
    const [ma, mb] = await Promise.all([manyRooms(ours, 200), manyRooms(ref, 200)])
    rows.push({ measure: 'RSS idle (before opening rooms)', ours: ma.idle, reference: mb.idle, unit: 'MB' })
    rows.push({ measure: 'RSS with 200 open rooms', ours: ma.open, reference: mb.open, unit: 'MB' })
    rows.push({ measure: `RSS ${RSS_WAIT_S} s after the 200 rooms closed`, ours: ma.after, reference: mb.after, unit: 'MB' })
    rows.push({ measure: 'RSS after close ÷ idle RSS (same server)', ours: round(ma.after / ma.idle), reference: round(mb.after / mb.idle), unit: '×', aim: 'ours ≤ 1.2' })
  } finally {
    await stop(ours)
    await stop(ref)
    rmSync(dataDir, { recursive: true, force: true })
  }
  return rows.map((r) => ({ ...r, ours: round(r.ours), reference: round(r.reference) }))
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

export function serverBenchMarkdown(rows: ServerBenchRow[]): string {
  return [
    '| measure | ours | reference | unit | ours/reference | aim | spread |',
    '| --- | ---: | ---: | --- | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.measure} | ${r.ours} | ${r.reference} | ${r.unit} | ${r.unit === '×' ? '' : round(r.ours / r.reference)} | ${r.aim ?? ''} | ${r.note ?? ''} |`),
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(serverBenchMarkdown(await runServerBench()))
  process.exit(0)
}

/** Cold join alone (for quick checks): fresh servers, ours then the reference. */
export async function coldJoinBoth(dataDir: string, runs: number): Promise<{ ours: number; reference: number }> {
  const ours = await startOurs(dataDir)
  const ref = await startReference()
  try {
    return { ours: await coldJoin(ours, runs), reference: await coldJoin(ref, runs) }
  } finally {
    await stop(ours)
    await stop(ref)
  }
}
