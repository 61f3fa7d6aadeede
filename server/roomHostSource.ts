/**
 * The room host's code (run with `eval`: plain JavaScript, it imports nothing of ours; see
 * roomHost.ts for what it is for). It holds the documents of rooms that are *away* (roomDoc.ts),
 * one `Y.Doc` per key, and handles the main thread's messages in the order they were posted:
 *
 * - `adopt` {key, buf}: builds the room's document from its full state;
 * - `apply` {key, buf, ends}: applies the batch's updates in order, stopping at the first that
 *   throws; answers how many applied, whether one threw (and whether structs were pending before
 *   it), the state vector, whether structs are pending now, the keys of the `meta` map that the
 *   updates changed, and each apply's time;
 * - `diff` {key, vector}: what a client with that state vector lacks;
 * - `encode` {key}: the document's full state (the document stays);
 * - `take` {key}: the document's full state, and the document is dropped (answered on the
 *   synchronous port: the main thread waits for it, see roomHost.ts);
 * - `drop` {key}: the document is dropped.
 */
import { LOWER_OWN_PRIORITY } from './workerPriority'

export const ROOM_HOST_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// below the event loop's priority unless asked (roomHost.ts): other rooms' relays go first
if (!workerData.urgent) {
${LOWER_OWN_PRIORITY}
}
const Y = require(workerData.yjs)
const signal = new Int32Array(workerData.signal)
const port = workerData.port
const FROM_CLIENT = 'client'
const rooms = new Map()

/**
 * This thread's CPU time (ms; Linux, from /proc/thread-self/schedstat), or null elsewhere. The
 * times answered are charged to senders' budgets like the main thread's CPU time (cpuTime.ts):
 * wall time on a loaded machine is mostly other threads' turns.
 */
function threadCpuMs() {
  try {
    return Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6
  } catch {
    return null
  }
}

function pending(doc) {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

function state(doc) {
  return { vector: Y.encodeStateVector(doc), pending: pending(doc) }
}

/** an answer the main thread is waiting for, asleep (Atomics.wait on signal[0]) */
function answerNow(msg, transfer) {
  port.postMessage(msg, transfer)
  Atomics.add(signal, 0, 1)
  Atomics.notify(signal, 0)
}

parentPort.on('message', (m) => {
  const room = rooms.get(m.key)
  switch (m.kind) {
    case 'adopt': {
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, new Uint8Array(m.buf), 'adopt')
      } catch (err) {
        doc.destroy()
        return parentPort.postMessage({ id: m.id, error: String(err && err.message) })
      }
      const entry = { doc, metaKeys: new Set() }
      doc.getMap('meta').observe((event, tr) => {
        if (tr.origin === FROM_CLIENT) for (const k of event.keysChanged) entry.metaKeys.add(k)
      })
      rooms.set(m.key, entry)
      return parentPort.postMessage({ id: m.id, ...state(doc) })
    }
    case 'apply': {
      if (!room) return parentPort.postMessage({ id: m.id, error: 'room not held here' })
      const all = new Uint8Array(m.buf)
      const cpuStart = threadCpuMs()
      const wallStart = performance.now()
      const times = []
      let at = 0
      let threw = false
      let hadPending = false
      for (const end of m.ends) {
        hadPending = pending(room.doc)
        const started = performance.now()
        try {
          Y.applyUpdate(room.doc, all.subarray(at, end), FROM_CLIENT)
        } catch {
          threw = true
        }
        times.push(performance.now() - started)
        if (threw) break
        at = end
      }
      // each apply's wall time, scaled to the thread's CPU time over the batch
      const cpuEnd = cpuStart === null ? null : threadCpuMs()
      const wall = performance.now() - wallStart
      if (cpuEnd !== null && wall > 0) {
        const share = Math.min(1, Math.max(0, (cpuEnd - cpuStart) / wall))
        for (let i = 0; i < times.length; i++) times[i] *= share
      }
      const metaKeys = [...room.metaKeys]
      room.metaKeys.clear()
      const applied = threw ? times.length - 1 : times.length
      return parentPort.postMessage({ id: m.id, applied, threw, hadPending, metaKeys, times, ...state(room.doc) })
    }
    case 'diff': {
      if (!room) return parentPort.postMessage({ id: m.id, error: 'room not held here' })
      const diff = Y.encodeStateAsUpdate(room.doc, m.vector)
      return parentPort.postMessage({ id: m.id, diff, ...state(room.doc) }, [diff.buffer])
    }
    case 'encode': {
      if (!room) return parentPort.postMessage({ id: m.id, error: 'room not held here' })
      const bytes = Y.encodeStateAsUpdate(room.doc)
      return parentPort.postMessage({ id: m.id, bytes }, [bytes.buffer])
    }
    case 'take': {
      rooms.delete(m.key)
      if (!room) return answerNow({ id: m.id, error: 'room not held here' }, [])
      const bytes = Y.encodeStateAsUpdate(room.doc)
      room.doc.destroy()
      return answerNow({ id: m.id, bytes }, [bytes.buffer])
    }
    case 'drop': {
      rooms.delete(m.key)
      if (room) room.doc.destroy()
      return
    }
  }
})
`
