/**
 * The door's trial apply (trialApply.ts) of big updates, on a worker thread. Applying a 4 MB
 * update to a scratch document costs the main thread about as much as the room's own apply of it;
 * run there, every other room's relays waited for it. Here the main thread decodes the update
 * (for the cost summary), hands its bytes to the worker and goes on relaying; the room's later
 * updates wait for the verdict (roomTrialGate.ts), other rooms do not.
 *
 * The bytes are transferred, not copied, when the frame owns its memory alone (a big WebSocket
 * message does: ws allocates it whole), and come back with the verdict; otherwise they are copied
 * once. One long-lived worker, started on the first big update and unreferenced while idle.
 * If the worker fails, the trials it had are answered `{ applies: false }` (their bytes may be
 * gone with it: the update is refused, its sender can send it again) and the next big updates
 * are tried on the main thread again until a new worker has started.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { appliesToEmptyDoc } from './trialApply'
import { LOWER_OWN_PRIORITY } from '../workerPriority'

/** updates from this size on are tried on the worker (smaller ones cost less than handing them over) */
export const OFF_THREAD_TRIAL_BYTES = 64 * 1024

/** the verdict of a trial, with the bytes again (new views of the same memory when they were transferred) */
export interface TrialResult {
  applies: boolean
  update: Uint8Array
  /** `relay` as given, or its new view when it shared the transferred memory */
  relay: Uint8Array
  /** how long the worker took (ms, wall time) */
  ms: number
}

type Request = { id: number; buf: ArrayBuffer; offset: number; length: number }
type Answer = { id: number; applies: boolean; buf: ArrayBuffer | null; ms: number }
type Waiting = { resolve(a: Answer): void }

/** how many times a failed worker is replaced before trials stay on the main thread */
const MAX_RESTARTS = 3

class TrialWorker {
  private next = 1
  private readonly waiting = new Map<number, Waiting>()
  stopped = false

  constructor(private readonly worker: Worker) {
    worker.on('message', (a: Answer) => {
      const w = this.waiting.get(a.id)
      this.waiting.delete(a.id)
      if (this.waiting.size === 0) worker.unref()
      w?.resolve(a)
    })
    const fail = () => {
      this.stopped = true
      for (const [id, w] of this.waiting) w.resolve({ id, applies: false, buf: null, ms: 0 })
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', fail)
    worker.unref()
  }

  run(req: Omit<Request, 'id'>, transfer: boolean): Promise<Answer> {
    const id = this.next++
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve })
      this.worker.ref() // a trial under way keeps the process alive
      const msg: Request = { id, ...req }
      try {
        this.worker.postMessage(msg, transfer ? [req.buf] : [])
      } catch (err) {
        // not handed over (e.g. memory that cannot be transferred): the caller tries it here
        this.waiting.delete(id)
        if (this.waiting.size === 0) this.worker.unref()
        reject(err)
      }
    })
  }

  /** trials sent and not answered yet */
  get inFlight(): number {
    return this.waiting.size
  }

  terminate(): Promise<number> {
    this.stopped = true
    return this.worker.terminate()
  }
}

let worker: TrialWorker | null = null
let restarts = 0

function current(): TrialWorker | null {
  if (worker && !worker.stopped) return worker
  if (worker) {
    if (restarts >= MAX_RESTARTS) return null
    restarts++
  }
  try {
    const yjs = createRequire(import.meta.url).resolve('yjs')
    worker = new TrialWorker(new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs } }))
    return worker
  } catch {
    return null
  }
}

/** Whether the memory behind `view` belongs to it alone (it can be transferred without detaching anything else). */
export const ownsMemory = (view: Uint8Array): boolean => view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer

/**
 * Tries `update` on an empty document off the main thread. `relay` (the frame the room relays) may
 * share memory with `update`; both come back as usable views. Falls back to the main thread when
 * no worker can run.
 */
export async function trialOffThread(update: Uint8Array, relay: Uint8Array): Promise<TrialResult> {
  const here = (): TrialResult => ({ applies: appliesToEmptyDoc(update, true), update, relay, ms: 0 })
  const w = current()
  if (!w) return here()
  const buf = update.buffer as ArrayBuffer
  // `update` is a view into the frame it came in; the whole frame goes over when it is the only
  // user of that memory (a big message), else a copy of the update alone.
  const whole = relay.buffer === buf && ownsMemory(relay)
  const offset = update.byteOffset
  const length = update.byteLength
  let a: Answer
  try {
    if (whole) a = await w.run({ buf, offset, length }, true)
    else {
      const copy = update.slice()
      a = await w.run({ buf: copy.buffer, offset: 0, length }, true)
    }
  } catch {
    // not handed over (postMessage refused it): the bytes are still here
    return here()
  }
  if (!whole) return a.buf ? { applies: a.applies, update, relay, ms: a.ms } : here()
  // the worker failed with the bytes: they are gone, the update is refused (its sender may send it again)
  if (!a.buf) return { applies: false, update, relay, ms: a.ms }
  return { applies: a.applies, update: new Uint8Array(a.buf, offset, length), relay: new Uint8Array(a.buf), ms: a.ms }
}

/** How many trials are under way on the worker (for tests and metrics). */
export function trialsInFlight(): number {
  return worker && !worker.stopped ? worker.inFlight : 0
}

/** Stops the worker (tests; a server that closes leaves it unreferenced anyway). */
export async function stopTrialWorker(): Promise<void> {
  const w = worker
  worker = null
  restarts = 0
  if (w && !w.stopped) await w.terminate()
}

// The trial of trialApply.ts (appliesToEmptyDoc), in the worker.
const WORKER_SOURCE = `${LOWER_OWN_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
parentPort.on('message', ({ id, buf, offset, length }) => {
  const started = performance.now()
  const scratch = new Y.Doc({ guid: 'tessera-trial', gc: false })
  let applies = true
  try {
    Y.applyUpdate(scratch, new Uint8Array(buf, offset, length))
  } catch {
    applies = false
  } finally {
    scratch.destroy()
  }
  parentPort.postMessage({ id, applies, buf, ms: performance.now() - started }, [buf])
})
`
