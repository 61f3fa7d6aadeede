// Loaded into a benchmarked server with `node --import` (any server: ours, the reference,
// Hocuspocus): every 250 ms appends one JSON line to $BENCH_LOOP_DELAY_FILE with the event loop's
// delay over that interval (p50, p99, max, ms), the CPU time it used and the time spent in
// garbage collection (ms), so a
// benchmark can tell a saturated or paused server loop from a slow client (bench/loopDelay.ts).
import { appendFileSync } from 'node:fs'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'

const file = process.env.BENCH_LOOP_DELAY_FILE
if (file) {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  let gcMs = 0
  let gcMax = 0
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration
      gcMax = Math.max(gcMax, e.duration)
    }
  }).observe({ entryTypes: ['gc'] })
  let last = performance.now()
  let cpu = process.cpuUsage()
  setInterval(() => {
    const now = performance.now()
    const used = process.cpuUsage(cpu)
    cpu = process.cpuUsage()
    const cpuMs = (used.user + used.system) / 1000
    const line = { at: Date.now(), wall: now - last, cpuMs, p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6, gcMs, gcMax }
    appendFileSync(file, `${JSON.stringify(line)}\n`)
    h.reset()
    gcMs = 0
    gcMax = 0
    last = now
  }, 250).unref()
}
