/**
 * Worker threads that do background work for a room (the door's trial of big updates,
 * compaction snapshots, WAL checkpoints) run at a lower scheduling priority than the event loop:
 * on a core they share with it (a server pinned to one core, a busy machine), the event loop
 * relaying other rooms goes first and the worker takes what is left, instead of half of the
 * core. Linux keeps a nice value per thread; elsewhere this does nothing.
 *
 * One exception: while such a worker holds the write gate shared with the main thread
 * (storage/writeGate.ts), a main-thread append may be waiting for it, asleep, and every room's
 * relays with it. At nice 10 the worker then gets about a tenth of a core that anything else
 * wants (GC threads, other processes): a 10 ms write transaction took 100 ms of the event loop
 * (a priority inversion). So it holds the gate at the event loop's priority (atGatePriority),
 * where the process may raise a thread's priority again (root, CAP_SYS_NICE or RLIMIT_NICE);
 * elsewhere it stays at nice 10.
 */
export const WORKER_NICE = 10

/**
 * JavaScript run first in each such worker (they are started from source with `eval`): lowers its
 * own thread's priority, and records it in `lowPriority` (the thread id) for atGatePriority.
 */
export const LOWER_OWN_PRIORITY = `
var lowPriority = null
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0) {
    require('node:os').setPriority(tid, ${WORKER_NICE})
    lowPriority = { tid, canRaise: true }
  }
} catch {}
`

/**
 * Worker side (plain JavaScript): `atGatePriority(fn)` runs `fn` at the event loop's priority
 * when this thread lowered its own (LOWER_OWN_PRIORITY) and may raise it again, then lowers it again.
 * Works without LOWER_OWN_PRIORITY too (it just runs `fn`).
 */
export const AT_GATE_PRIORITY_SOURCE = `
function atGatePriority(fn) {
  const low = typeof lowPriority === 'object' && lowPriority !== null && lowPriority.canRaise ? lowPriority : null
  let raised = false
  if (low) {
    try {
      require('node:os').setPriority(low.tid, 0)
      raised = true
    } catch {
      low.canRaise = false
    }
  }
  try {
    return fn()
  } finally {
    if (raised) {
      try { require('node:os').setPriority(low.tid, ${WORKER_NICE}) } catch {}
    }
  }
}
`
