/**
 * The door's trial apply (trialApply.ts) of big updates, on a worker thread. Applying a 4 MB
 * update to a scratch document costs the main thread about as much as the room's own apply of it;
 * run there, every other room's relays waited for it. Here the main thread decodes the update
 * (for the cost summary), hands its bytes to the worker and goes on relaying; the room's later
 * updates wait for the verdict (roomTrialGate.ts), other rooms do not.
 *
 * The bytes are transferred, not copied, when the frame owns its memory alone (a big WebSocket
 * message does: ws allocates it whole), and come back with the verdict; otherwise they are copied
 * once. One worker, started on the first big update, unreferenced while idle and ended after
 * WORKER_IDLE_MS without a trial (workerIdle.ts): the next big update starts a new one.
 * If the worker fails, the trials it had are answered `{ applies: false }` (their bytes may be
 * gone with it: the update is refused, its sender can send it again) and the next big updates
 * are tried on the main thread again until a new worker has started.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import { appliesToEmptyDoc } from './trialApply'
import { summarizeDecoded, type StructSummary } from './updateSummary'
import { LOWER_OWN_PRIORITY } from '../workerPriority'
import { IdleEnd } from '../workerIdle'

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
  /** with `summarize`: what its structs tell (summarizeDecoded), when it decodes */
  summary?: StructSummary
  /** with `summarize`: why it is refused before any trial (`applies` is false then) */
  fault?: Fault
}

/** an update refused by its summary (as at the door, ws/protocol.ts) */
export type Fault = 'corrupt update' | 'impossible update'

type Request = { id: number; buf: ArrayBuffer; offset: number; length: number; summarize: boolean; trial: boolean }
type Answer = { id: number; applies: boolean; fault?: Fault | null; summary?: StructSummary | null; buf: ArrayBuffer | null; ms: number }
type Waiting = { resolve(a: Answer): void }

/** how many times a failed worker is replaced before trials stay on the main thread */
const MAX_RESTARTS = 3

class TrialWorker {
  private next = 1
  private readonly waiting = new Map<number, Waiting>()
  stopped = false
  /** ended for having nothing to do (not a failure: a new worker replaces it without counting a restart) */
  retired = false
  private readonly idleEnd = new IdleEnd(() => {
    this.retired = this.stopped = true
    void this.worker.terminate()
  })

  constructor(private readonly worker: Worker) {
    worker.on('message', (a: Answer) => {
      const w = this.waiting.get(a.id)
      this.waiting.delete(a.id)
      if (this.waiting.size === 0) {
        worker.unref()
        this.idleEnd.idle()
      }
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
    this.idleEnd.idle()
  }

  run(req: Omit<Request, 'id'>, transfer: boolean): Promise<Answer> {
    const id = this.next++
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve })
      this.idleEnd.busy()
      this.worker.ref() // a trial under way keeps the process alive
      const msg: Request = { id, ...req }
      try {
        this.worker.postMessage(msg, transfer ? [req.buf] : [])
      } catch (err) {
        // not handed over (e.g. memory that cannot be transferred): the caller tries it here
        this.waiting.delete(id)
        if (this.waiting.size === 0) {
          this.worker.unref()
          this.idleEnd.idle()
        }
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
    this.idleEnd.busy()
    return this.worker.terminate()
  }
}

let worker: TrialWorker | null = null
let restarts = 0

function current(): TrialWorker | null {
  if (worker && !worker.stopped) return worker
  if (worker && !worker.retired) {
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
 * Tries `update` on an empty document off the main thread; with `summarize` also decodes it there
 * for its cost summary (which the door then skips: decoding a 4 MB paste held the event loop for
 * 20–45 ms); `trial: false` skips the trial (summary only). `relay` (the frame the room relays)
 * may share memory with `update`; both come back as usable views. Falls back to the main thread
 * when no worker can run.
 */
export async function trialOffThread(update: Uint8Array, relay: Uint8Array, opts: { summarize?: boolean; trial?: boolean } = {}): Promise<TrialResult> {
  const summarize = opts.summarize === true
  const trial = opts.trial !== false
  const here = (): TrialResult => ({ ...judgeHere(update, summarize, trial), update, relay, ms: 0 })
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
    if (whole) a = await w.run({ buf, offset, length, summarize, trial }, true)
    else {
      const copy = update.slice()
      a = await w.run({ buf: copy.buffer, offset: 0, length, summarize, trial }, true)
    }
  } catch {
    // not handed over (postMessage refused it): the bytes are still here
    return here()
  }
  const verdict = { applies: a.applies, ms: a.ms, ...(a.summary ? { summary: a.summary } : {}), ...(a.fault ? { fault: a.fault } : {}) }
  if (!whole) return a.buf ? { ...verdict, update, relay } : here()
  // the worker failed with the bytes: they are gone, the update is refused (its sender may send it again)
  if (!a.buf) return { applies: false, update, relay, ms: a.ms }
  return { ...verdict, update: new Uint8Array(a.buf, offset, length), relay: new Uint8Array(a.buf) }
}

/** The same judgement on the main thread (no worker). */
function judgeHere(update: Uint8Array, summarize: boolean, trial: boolean): { applies: boolean; summary?: StructSummary; fault?: Fault } {
  let summary: StructSummary | undefined
  if (summarize) {
    try {
      summary = summarizeDecoded(Y, Y.decodeUpdate(update))
    } catch {
      return { applies: false, fault: 'corrupt update' }
    }
    if (summary.impossible) return { applies: false, summary, fault: 'impossible update' }
  }
  return { applies: trial ? appliesToEmptyDoc(update, true) : true, ...(summary ? { summary } : {}) }
}

/** How many trials are under way on the worker (for tests and metrics). */
export function trialsInFlight(): number {
  return worker && !worker.stopped ? worker.inFlight : 0
}

/** Whether a trial worker thread is running (tests). */
export function trialWorkerRunning(): boolean {
  return worker !== null && !worker.stopped
}

/** Stops the worker (tests; a server that closes leaves it unreferenced anyway). */
export async function stopTrialWorker(): Promise<void> {
  const w = worker
  worker = null
  restarts = 0
  if (w && !w.stopped) await w.terminate()
}

// The trial of trialApply.ts (appliesToEmptyDoc) and the summary of updateSummary.ts
// (summarizeDecoded, its own source text: `__name` is what a bundler keeping function names may
// wrap inner functions in), in the worker.
const WORKER_SOURCE = `${LOWER_OWN_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
var __name = (f) => f
const summarizeDecoded = ${summarizeDecoded.toString()}
parentPort.on('message', ({ id, buf, offset, length, summarize, trial }) => {
  const started = performance.now()
  const update = new Uint8Array(buf, offset, length)
  let applies = true
  let summary = null
  let fault = null
  if (summarize) {
    try {
      summary = summarizeDecoded(Y, Y.decodeUpdate(update))
      if (summary.impossible) fault = 'impossible update'
    } catch {
      fault = 'corrupt update'
    }
  }
  if (!fault && trial) {
    const scratch = new Y.Doc({ guid: 'tessera-trial', gc: false })
    try {
      Y.applyUpdate(scratch, update)
    } catch {
      applies = false
    } finally {
      scratch.destroy()
    }
  }
  parentPort.postMessage({ id, applies: applies && !fault, fault, summary, buf, ms: performance.now() - started }, [buf])
})
`
