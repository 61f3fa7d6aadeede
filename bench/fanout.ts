// Fan-out latency: sockets in one room, each sending an update at 30 Hz, every one-way delivery
// to the other sockets timed. Used by bench/server.ts (ours, the reference, and a bare relay).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import WebSocket from 'ws'
import { StampedFrames } from './stampedFrames'
import { median, percentile, round } from './stats'

const HOST = '127.0.0.1'
/** measured seconds per fan-out run, rounds per client count, unmeasured warm-up per run */
export const FANOUT_SECONDS = Number(process.env.BENCH_FANOUT_S ?? 3)
export const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 5)
const FANOUT_WARMUP_S = Number(process.env.BENCH_FANOUT_WARMUP_S ?? 1.5)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** one fan-out run: every one-way latency sample (ms) from a sender's update to each other client */
export async function fanoutSamples(port: number, clients: number, seconds: number, warmupSeconds: number): Promise<number[]> {
  return fanoutSamplesOver([port], clients, seconds, warmupSeconds)
}

/** the same, the clients spread round-robin over several servers of one cluster (client i on ports[i % n]); only the first `writers` clients send (default: all); `onWindow` is called as the measured window starts and ends */
export async function fanoutSamplesOver(ports: readonly number[], clients: number, seconds: number, warmupSeconds: number, hz = 30, writers = clients, onWindow?: (phase: 'start' | 'end') => void): Promise<number[]> {
  const room = `fanout-${clients}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const latencies: number[] = []
  let measuring = false
  const sockets: WebSocket[] = []
  for (let id = 0; id < clients; id++) {
    const ws = new WebSocket(`ws://${HOST}:${ports[id % ports.length]}/${room}`)
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
  const perClient = Math.ceil((warmupSeconds + seconds + 1) * hz * 1.2)
  const frames = sockets.slice(0, writers).map((_, id) => StampedFrames.build(id, perClient))
  const timers: NodeJS.Timeout[] = []
  sockets.slice(0, writers).forEach((ws, id) => {
    const start = setTimeout(() => {
      timers.push(setInterval(() => {
        const frame = frames[id]!.take(performance.now())
        if (frame && ws.readyState === ws.OPEN) ws.send(frame)
      }, 1000 / hz))
    }, (id * 1000) / hz / writers)
    timers.push(start)
  })
  // Warm-up (JIT, connection set-up, first syncs) is not measured.
  await sleep(warmupSeconds * 1000)
  measuring = true
  onWindow?.('start')
  await sleep(seconds * 1000)
  onWindow?.('end')
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

/** The servers a fan-out comparison runs against; `floor` (optional) is the bare relay. */
export type FanoutTarget = 'ours' | 'reference' | 'floor'

/**
 * Fan-out, the servers interleaved: `rounds` rounds, each one run against every server (the order
 * rotating, so none always runs right after another's load), each run a fresh room of `clients`
 * sockets with an unmeasured warm-up. Every sample of a run counts; the result is the median over
 * rounds of each run's p50 and p99, with every round kept for the spread.
 */
export async function fanoutInterleaved(
  ports: { ours: number; reference: number; floor?: number }, clients: number,
  opts: { rounds?: number; seconds?: number; warmupSeconds?: number; log?: (s: string) => void } = {},
): Promise<Partial<Record<FanoutTarget, FanoutResult>> & { ours: FanoutResult; reference: FanoutResult }> {
  const rounds = opts.rounds ?? FANOUT_ROUNDS
  const seconds = opts.seconds ?? FANOUT_SECONDS
  const warmup = opts.warmupSeconds ?? FANOUT_WARMUP_S
  const targets = (['ours', 'reference', 'floor'] as const).filter((t) => ports[t] !== undefined)
  const runs = new Map<FanoutTarget, FanoutRound[]>(targets.map((t) => [t, []]))
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]!)
    for (const which of order) {
      const samples = await fanoutSamples(ports[which]!, clients, seconds, warmup)
      samples.sort((a, b) => a - b)
      runs.get(which)!.push({ p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length })
    }
    const last = (w: FanoutTarget) => runs.get(w)!.at(-1)!
    opts.log?.(`  round ${r + 1}/${rounds}: p50/p99 ` + targets.map((t) => `${t} ${last(t).p50.toFixed(2)}/${last(t).p99.toFixed(2)}`).join(', ') + ' ms')
  }
  const sum = (rs: FanoutRound[]): FanoutResult => ({ p50: median(rs.map((x) => x.p50)), p99: median(rs.map((x) => x.p99)), rounds: rs })
  const out: Partial<Record<FanoutTarget, FanoutResult>> = {}
  for (const t of targets) out[t] = sum(runs.get(t)!)
  return { ...out, ours: out.ours!, reference: out.reference! }
}

/** "min–max" of a per-round figure, for the spread column */
export function spread(rs: FanoutRound[], key: 'p50' | 'p99'): string {
  const xs = rs.map((r) => r[key])
  return `${round(Math.min(...xs))}–${round(Math.max(...xs))}`
}

/** Starts bench/bareRelay.mjs on `port` (the caller picks a free one); resolves once it listens. */
export async function startBareRelay(port: number, waitForPort: (port: number) => Promise<void>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.join(import.meta.dirname, 'bareRelay.mjs')], {
    env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'ignore'],
  })
  await waitForPort(port)
  return proc
}
