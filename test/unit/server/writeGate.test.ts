import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { WITH_GATE_SOURCE, WriteGate } from '../../../server/storage/writeGate'
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
})
