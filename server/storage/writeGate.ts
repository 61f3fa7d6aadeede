import { AT_GATE_PRIORITY_SOURCE } from '../workerPriority'

/**
 * One writer at a time between the main connection and the snapshot worker's connection
 * (stagedCompaction.ts), with the main thread first. SQLite has one write lock per database: a
 * main-thread write that finds it taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10,
 * 15… ms between tries, so a worker transaction of 9 ms cost the event loop (every room) 18 ms,
 * and a worker that began its next transaction in such a gap cost it more. Here the two threads
 * take a lock word in shared memory around their write transactions instead: a waiting main
 * thread is woken the moment the worker's transaction ends (Atomics.notify), and the worker does
 * not begin a transaction while the main thread wants to write.
 *
 * Layout (Int32Array): [0] the lock (0 free, 1 main thread, 2 worker), [1] main-thread writes waiting.
 */
const FREE = 0
const MAIN = 1
/** a main-thread write waits at most this long for the lock, then goes on (SQLite's busy handler still orders it) */
const MAIN_WAIT_LIMIT_MS = 1_000

export class WriteGate {
  readonly shared = new SharedArrayBuffer(8)
  private readonly word = new Int32Array(this.shared)
  private depth = 0

  /** Runs a main-thread write transaction holding the lock (re-entrant). */
  around<T>(write: () => T): T {
    if (this.depth > 0) return this.nested(write)
    Atomics.add(this.word, 1, 1)
    const until = Date.now() + MAIN_WAIT_LIMIT_MS
    let held = false
    try {
      for (;;) {
        const v = Atomics.compareExchange(this.word, 0, FREE, MAIN)
        if (v === FREE) {
          held = true
          break
        }
        const left = until - Date.now()
        if (left <= 0) break
        Atomics.wait(this.word, 0, v, left)
      }
    } finally {
      Atomics.sub(this.word, 1, 1)
    }
    try {
      return this.nested(write)
    } finally {
      if (held) {
        Atomics.store(this.word, 0, FREE)
        Atomics.notify(this.word, 0)
      }
    }
  }

  /** The worker is gone (it may have held the lock): frees it. */
  release(): void {
    Atomics.store(this.word, 0, FREE)
    Atomics.notify(this.word, 0)
  }

  private nested<T>(write: () => T): T {
    this.depth++
    try {
      return write()
    } finally {
      this.depth--
    }
  }
}

/**
 * Worker side (plain JavaScript for an eval'd worker): `withGate(word, fn)` runs a write
 * transaction holding the lock, at the event loop's priority (workerPriority.ts: a main-thread
 * write may be waiting for it, and with it every room).
 */
export const WITH_GATE_SOURCE = `${AT_GATE_PRIORITY_SOURCE}
function withGate(word, fn) {
  return atGatePriority(() => {
    for (;;) {
      const wanted = Atomics.load(word, 1)
      if (wanted !== 0) { Atomics.wait(word, 1, wanted, 5); continue }
      const v = Atomics.compareExchange(word, 0, 0, 2)
      if (v !== 0) { Atomics.wait(word, 0, v, 5); continue }
      if (Atomics.load(word, 1) !== 0) { Atomics.store(word, 0, 0); Atomics.notify(word, 0); continue }
      break
    }
    try {
      return fn()
    } finally {
      Atomics.store(word, 0, 0)
      Atomics.notify(word, 0)
    }
  })
}
`
