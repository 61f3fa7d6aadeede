import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { WITH_GATE_SOURCE, WriteGate } from '../../../server/storage/writeGate'
import { LOWER_OWN_PRIORITY, WORKER_NICE } from '../../../server/workerPriority'
import { waitFor } from '../../helpers/waitFor'

// A worker that, when told, runs a "transaction" of `ms` under the gate, marking state[0] = 1 while inside it.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
${WITH_GATE_SOURCE}
const word = new Int32Array(workerData.gate)
const state = new Int32Array(workerData.state)
parentPort.on('message', (ms) => {
  withGate(word, () => {
    Atomics.store(state, 0, 1)
    Atomics.add(state, 1, 1)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
    Atomics.store(state, 0, 0)
  })
  parentPort.postMessage('done')
})
`

const workers: Worker[] = []
afterEach(async () => {
  for (const w of workers.splice(0)) await w.terminate()
})

function start(gate: WriteGate) {
  const state = new Int32Array(new SharedArrayBuffer(8))
  const worker = new Worker(SOURCE, { eval: true, workerData: { gate: gate.shared, state: state.buffer } })
  workers.push(worker)
  return { worker, state }
}

describe('WriteGate (main connection and snapshot worker take turns at writing)', () => {
  it('a main-thread write waits for the worker transaction under way and runs right after it', async () => {
    const gate = new WriteGate()
    const { worker, state } = start(gate)
    worker.postMessage(150)
    await waitFor(() => Atomics.load(state, 0) === 1, { message: 'the worker inside its transaction' })
    const seen = gate.around(() => Atomics.load(state, 0))
    expect(seen).toBe(0) // the worker's transaction had ended when the main thread's began
  })

  it('the worker begins no transaction while the main thread writes, and begins it afterwards', async () => {
    const gate = new WriteGate()
    const { worker, state } = start(gate)
    const done = new Promise((r) => worker.once('message', r))
    let enteredMeanwhile = -1
    gate.around(() => {
      worker.postMessage(1)
      const until = Date.now() + 150
      while (Date.now() < until) if (Atomics.load(state, 1) !== 0) break
      enteredMeanwhile = Atomics.load(state, 1)
    })
    expect(enteredMeanwhile).toBe(0)
    await done
    expect(Atomics.load(state, 1)).toBe(1)
  })

  // Linux keeps a nice value per thread; elsewhere the workers do not lower theirs
  it.runIf(existsSync('/proc/thread-self'))('a worker at low priority holds the gate at the event loop\'s priority (where the process may raise it again), then goes back', async () => {
    // may this process raise a thread's priority again once lowered (root, CAP_SYS_NICE, RLIMIT_NICE)?
    const canRaise = await run<boolean>(`
      const os = require('node:os')
      const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
      os.setPriority(tid, ${WORKER_NICE})
      let ok = true
      try { os.setPriority(tid, 0) } catch { ok = false }
      require('node:worker_threads').parentPort.postMessage(ok)`)
    const gate = new WriteGate()
    const seen = await run<{ before: number; inside: number; after: number }>(`${LOWER_OWN_PRIORITY}
      const os = require('node:os')
      const { parentPort, workerData } = require('node:worker_threads')
      ${WITH_GATE_SOURCE}
      const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
      const before = os.getPriority(tid)
      const inside = withGate(new Int32Array(workerData.gate), () => os.getPriority(tid))
      parentPort.postMessage({ before, inside, after: os.getPriority(tid) })`, { gate: gate.shared })
    expect(seen).toEqual({ before: WORKER_NICE, inside: canRaise ? 0 : WORKER_NICE, after: WORKER_NICE })
  })
})

/** Runs `source` in a worker and resolves with the first message it posts. */
function run<T>(source: string, workerData?: unknown): Promise<T> {
  const worker = new Worker(source, { eval: true, workerData })
  workers.push(worker)
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}
