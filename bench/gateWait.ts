// How long the main thread waits in WriteGate.around (server/storage/writeGate.ts) while a nice-10
// worker runs 4 ms write "transactions" under the gate and a thread of the same process at nice 0
// spins (standing for V8's GC threads, the staged-append worker or another process on the core).
// Run pinned to one core, once per checkout, interleaved:
//   taskset -c 1 node scripts/tsx.mjs bench/gateWait.ts <checkout>
// Prints the main thread's waits (a write every 10 ms for 10 s): p50, p90, p99, max in ms.
import path from 'node:path'
import { Worker } from 'node:worker_threads'

interface GateModule {
  WriteGate: new () => { shared: SharedArrayBuffer; around<T>(write: () => T): T }
  WITH_GATE_SOURCE: string
}

const root = path.resolve(process.argv[2] ?? '.')
const { WriteGate, WITH_GATE_SOURCE } = (await import(path.join(root, 'server/storage/writeGate.ts'))) as GateModule
const { LOWER_OWN_PRIORITY } = (await import(path.join(root, 'server/workerPriority.ts'))) as { LOWER_OWN_PRIORITY: string }
const gate = new WriteGate()
const stop = new Int32Array(new SharedArrayBuffer(4))
const writer = `${LOWER_OWN_PRIORITY}
const { workerData, parentPort } = require('node:worker_threads')
${WITH_GATE_SOURCE}
const word = new Int32Array(workerData.gate)
const stop = new Int32Array(workerData.stop)
const pause = new Int32Array(new SharedArrayBuffer(4))
let n = 0
while (Atomics.load(stop, 0) === 0) {
  withGate(word, () => { const t = performance.now(); while (performance.now() - t < 4) {} })
  n++
  Atomics.wait(pause, 0, 0, 2)
}
parentPort.postMessage(n)`
const spinner = `const stop = new Int32Array(require('node:worker_threads').workerData.stop)
let x = 0
while (Atomics.load(stop, 0) === 0) for (let i = 0; i < 1e5; i++) x += i`
const w = new Worker(writer, { eval: true, workerData: { gate: gate.shared, stop: stop.buffer } })
const s = new Worker(spinner, { eval: true, workerData: { stop: stop.buffer } })
const transactions = new Promise<number>((resolve) => w.once('message', resolve))
await new Promise((r) => setTimeout(r, 500))
const waits: number[] = []
const until = performance.now() + 10_000
while (performance.now() < until) {
  const t = performance.now()
  gate.around(() => undefined)
  waits.push(performance.now() - t)
  await new Promise((r) => setTimeout(r, 10))
}
Atomics.store(stop, 0, 1)
const n = await transactions
await s.terminate()
waits.sort((a, b) => a - b)
const q = (p: number) => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))]!.toFixed(2)
console.log(JSON.stringify({ root, writes: waits.length, workerTransactions: n, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: waits[waits.length - 1]!.toFixed(2) }))
process.exit(0)
