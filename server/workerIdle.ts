/**
 * Worker threads end when they have had nothing to do for a while, and the next need starts a new
 * one (as the first need did): each is a V8 isolate of its own, 6–8 MB of RSS, and a server that
 * had one big paste or compaction kept them all for its life. Starting one again costs the event
 * loop a few milliseconds; the first job after a quiet spell waits for the thread to boot (tens of
 * milliseconds) before it runs there.
 */

/** how long a worker may have nothing to do before it ends (ms) */
export const WORKER_IDLE_MS = 30_000

/** WORKER_IDLE_MS, or TESSERA_TEST_WORKER_IDLE_MS when set (tests: not wait half a minute) */
export function workerIdleMs(): number {
  const ms = Number(process.env.TESSERA_TEST_WORKER_IDLE_MS)
  return Number.isFinite(ms) && ms > 0 ? ms : WORKER_IDLE_MS
}

/**
 * Calls `end` once the owner has been idle for workerIdleMs(): `busy()` when a job begins,
 * `idle()` when none is left. The timer never keeps the process alive.
 */
export class IdleEnd {
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly end: () => void) {}

  busy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  idle(): void {
    this.busy()
    this.timer = setTimeout(() => {
      this.timer = null
      this.end()
    }, workerIdleMs())
    this.timer.unref()
  }
}
