import type { Duplex } from 'node:stream'

/**
 * Frames sent inside `sendBatch` (a room relaying the updates of one event-loop turn) leave in one
 * write per socket: each socket is corked on its first frame and uncorked when the batch ends. A
 * busy room relays several small updates per turn; this saves a syscall and a TCP segment per
 * frame. Outside a batch every frame is written at once. The socket is the one the HTTP server
 * handed to the 'upgrade' event (public API), given to the Connection by the server.
 */
let batchCorked: Set<Duplex> | null = null
/** big frames (initial syncs) are written at once, never held back behind later work */
const MAX_CORKED_FRAME = 16 * 1024

export function sendBatch(fn: () => void): void {
  if (batchCorked) return fn()
  const corked = (batchCorked = new Set())
  try {
    fn()
  } finally {
    batchCorked = null
    for (const s of corked) s.uncork()
  }
}

/** Inside a batch: corks the socket for a small frame, writes what was corked first for a big one. */
export function corkFor(socket: Duplex | undefined, bytes: number): void {
  if (!batchCorked || !socket) return
  if (bytes <= MAX_CORKED_FRAME) {
    if (!batchCorked.has(socket)) (socket.cork(), batchCorked.add(socket))
  } else uncorkNow(socket)
}

/** Inside a batch: writes what was corked for this socket now (before a message sent in parts). */
export function uncorkNow(socket: Duplex | undefined): void {
  if (batchCorked && socket && batchCorked.delete(socket)) socket.uncork()
}
