/**
 * Worker threads that do background work for a room (the door's trial of big updates,
 * compaction snapshots, WAL checkpoints) run at a lower scheduling priority than the event loop:
 * on a core they share with it (a server pinned to one core, a busy machine), the event loop
 * relaying other rooms goes first and the worker takes what is left, instead of half of the
 * core. Linux keeps a nice value per thread; elsewhere this does nothing.
 */
export const WORKER_NICE = 10

/** JavaScript run first in each such worker (they are started from source with `eval`): lowers its own thread's priority. */
export const LOWER_OWN_PRIORITY = `
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0) require('node:os').setPriority(tid, ${WORKER_NICE})
} catch {}
`
