/**
 * Lets the main connection's writes go first when the snapshot worker's connection writes beside
 * it (stagedCompaction.ts). SQLite has one write lock per database: a main-thread write that finds
 * it taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15… ms between tries — and
 * if the worker starts its next transaction in such a gap, the event loop (every room) waits
 * again. So the main thread raises a flag around its writes (a shared Int32Array), and the worker
 * does not begin a transaction while it is raised: a main-thread write waits at most for one of
 * the worker's short transactions to end, plus one sleep of the busy handler.
 */
export class WriteGate {
  readonly shared = new SharedArrayBuffer(4)
  private readonly flag = new Int32Array(this.shared)

  /** Runs a main-thread write with the flag raised. */
  around<T>(write: () => T): T {
    Atomics.add(this.flag, 0, 1)
    try {
      return write()
    } finally {
      if (Atomics.sub(this.flag, 0, 1) === 1) Atomics.notify(this.flag, 0)
    }
  }
}

/** Worker side (plain JavaScript for an eval'd worker): `waitForMain(flag)` blocks while the main thread writes (at most `limitMs`). */
export const WAIT_FOR_MAIN_SOURCE = `
function waitForMain(flag, limitMs = 1000) {
  const until = Date.now() + limitMs
  for (let v = Atomics.load(flag, 0); v !== 0 && Date.now() < until; v = Atomics.load(flag, 0)) Atomics.wait(flag, 0, v, 5)
}
`
