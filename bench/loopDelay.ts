// Event-loop delay and GC time, of the load generator (this process) and of a server started with
// bench/loopDelayPreload.mjs: where a slow delivery was held up (isolation section).
import { existsSync, readFileSync } from 'node:fs'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import path from 'node:path'

export interface LoopDelay {
  /** p99 and largest event-loop delay over the phase (ms) */
  p99: number
  max: number
  /** garbage collection time over the phase, as a share of its wall time (0–1), and the longest pause (ms) */
  gcShare: number
  gcMax: number
  /** CPU time used over the phase as a share of its wall time (0–1; a server below 1 while its loop waits was not given the core) */
  cpuShare?: number
}

/** node flags and env that make a server report its loop delay into `file` */
export function loopDelayServerArgs(file: string): { nodeArgs: string[]; env: Record<string, string> } {
  return { nodeArgs: ['--import', path.join(import.meta.dirname, 'loopDelayPreload.mjs')], env: { BENCH_LOOP_DELAY_FILE: file } }
}

interface Line { at: number; wall: number; cpuMs: number; p99: number; max: number; gcMs: number; gcMax: number }

/** The server's loop delay between two Date.now() times, from its report file (null: no report). */
export function serverLoopDelay(file: string, from: number, to: number): LoopDelay | null {
  if (!existsSync(file)) return null
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line).filter((l) => l.at > from && l.at <= to + 250)
  if (lines.length === 0) return null
  const p99s = lines.map((l) => l.p99).sort((a, b) => a - b)
  const wall = lines.reduce((n, l) => n + l.wall, 0)
  return {
    p99: p99s[Math.min(p99s.length - 1, Math.floor(p99s.length * 0.99))]!,
    max: Math.max(...lines.map((l) => l.max)),
    gcShare: lines.reduce((n, l) => n + l.gcMs, 0) / wall,
    gcMax: Math.max(...lines.map((l) => l.gcMax)),
    cpuShare: lines.reduce((n, l) => n + l.cpuMs, 0) / wall,
  }
}

/** This process's loop delay and GC from now until the returned function is called. */
export function clientLoopDelay(): () => LoopDelay {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  let gcMs = 0
  let gcMax = 0
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration
      gcMax = Math.max(gcMax, e.duration)
    }
  })
  obs.observe({ entryTypes: ['gc'] })
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  return () => {
    h.disable()
    obs.disconnect()
    const used = process.cpuUsage(cpu0)
    const wall = performance.now() - t0
    return { p99: h.percentile(99) / 1e6, max: h.max / 1e6, gcShare: gcMs / wall, gcMax, cpuShare: (used.user + used.system) / 1000 / wall }
  }
}
