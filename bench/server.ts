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
import { FANOUT_ROUNDS, FANOUT_SECONDS, fanoutInterleaved, spread, startBareRelay } from './fanout'
import { percentile, round } from './stats'

const root = path.resolve(import.meta.dirname, '..')
const HOST = '127.0.0.1'
const RSS_WAIT_S = Number(process.env.BENCH_RSS_WAIT_S ?? 30)

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
export async function bytesPerClient(port: number, users: number, seconds: number): Promise<number> {
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
    // the bare relay (forwards frames, nothing else) runs in the same rounds: the machine's floor
    const relayPort = await freePort()
    const relay = await startBareRelay(relayPort, waitForPort)
    try {
      for (const n of [20, 50]) {
        log(`fan-out ${n} clients, ${FANOUT_ROUNDS} interleaved rounds of ${FANOUT_SECONDS} s (ours, reference, bare relay)…`)
        const r = await fanoutInterleaved({ ours: ours.port, reference: ref.port, floor: relayPort }, n, { log })
        const [a, b, f] = [r.ours, r.reference, r.floor!]
        const rounds = `median of ${a.rounds.length} rounds`
        const floor = (k: 'p50' | 'p99') => `; bare relay ${round(f[k])} (${spread(f.rounds, k)})`
        rows.push({ measure: `fan-out p50, ${n} clients @30 Hz (${rounds})`, ours: a.p50, reference: b.p50, unit: 'ms', note: `rounds: ours ${spread(a.rounds, 'p50')}, ref ${spread(b.rounds, 'p50')}${floor('p50')}` })
        rows.push({ measure: `fan-out p99, ${n} clients @30 Hz (${rounds})`, ours: a.p99, reference: b.p99, unit: 'ms', aim: '≤ 0.8', note: `rounds: ours ${spread(a.rounds, 'p99')}, ref ${spread(b.rounds, 'p99')}${floor('p99')}` })
      }
    } finally {
      relay.kill('SIGTERM')
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
