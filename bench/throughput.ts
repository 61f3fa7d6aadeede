// W2-style write throughput: many small boards edited at once. `rooms` rooms, each with `writers`
// raw y-websocket writers and one watcher; every writer keeps `window` updates in flight (its next
// one goes out as soon as the watcher has received an earlier one), so the server (or cluster)
// sets the pace. The figure is updates delivered to the watchers per second, with the p50/p99 of
// their send → watcher latency. Used by bench/cluster.ts.
import WebSocket from 'ws'
import { StampedFrames } from './stampedFrames'
import { percentile } from './stats'

const HOST = '127.0.0.1'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ThroughputOptions {
  rooms: number
  writers: number
  window: number
  seconds: number
  warmupSeconds: number
  /** frames encoded ahead per writer (a writer that uses them all stops sending) */
  framesPerWriter: number
}

export const W2: ThroughputOptions = { rooms: 20, writers: 3, window: 4, seconds: 5, warmupSeconds: 2, framesPerWriter: 4_000 }

export interface ThroughputResult {
  perSecond: number
  p50: number
  p99: number
  /** writers that ran out of pre-encoded frames (the figure is then a lower bound) */
  exhausted: number
}

/** `port(room, k)`: the server of writer k of the room (k = writers: the room's watcher). */
export async function throughput(port: (room: number, k: number) => number, o: ThroughputOptions = W2): Promise<ThroughputResult> {
  const tag = `w2-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
  const senders = o.rooms * o.writers
  const frames = Array.from({ length: senders }, (_, s) => StampedFrames.build(s, o.framesPerWriter))
  // per sender: the send times not yet seen by the watcher, oldest first (a socket keeps order)
  const inFlight: number[][] = Array.from({ length: senders }, () => [])
  const sockets: WebSocket[] = []
  const writers: WebSocket[] = new Array(senders)
  const latencies: number[] = []
  let delivered = 0
  let measuring = false
  let running = true
  let exhausted = 0

  const pump = (s: number) => {
    const ws = writers[s]!
    while (running && inFlight[s]!.length < o.window && ws.readyState === ws.OPEN) {
      const t = performance.now()
      const frame = frames[s]!.take(t)
      if (!frame) {
        exhausted++
        return
      }
      inFlight[s]!.push(t)
      ws.send(frame)
    }
  }

  const open = (url: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.binaryType = 'nodebuffer'
      ws.once('open', () => resolve(ws))
      ws.once('error', reject)
      sockets.push(ws)
    })

  for (let r = 0; r < o.rooms; r++) {
    const room = `${tag}-${r}`
    const watcher = await open(`ws://${HOST}:${port(r, o.writers)}/${room}`)
    watcher.on('message', (data: Buffer) => {
      if (data[0] !== 0) return
      const now = performance.now()
      // markers `@@<sender>:<time>@@`; a merged update may carry only the newest of a sender's
      // values, so a marker acknowledges every earlier send of that sender too
      let at = data.indexOf('@@')
      while (at >= 0) {
        const end = data.indexOf('@@', at + 2)
        if (end < 0) break
        const [sender, time] = data.toString('latin1', at + 2, end).split(':')
        const s = Number(sender)
        const t = Number(time)
        const q = inFlight[s]
        if (q) {
          while (q.length > 0 && q[0]! <= t) {
            const sent = q.shift()!
            if (measuring) {
              delivered++
              latencies.push(now - sent)
            }
          }
          pump(s)
        }
        at = data.indexOf('@@', end + 2)
      }
    })
    for (let k = 0; k < o.writers; k++) writers[r * o.writers + k] = await open(`ws://${HOST}:${port(r, k)}/${room}`)
  }
  await sleep(300) // let every socket's first sync settle
  for (let s = 0; s < senders; s++) pump(s)
  await sleep(o.warmupSeconds * 1000)
  measuring = true
  const t0 = performance.now()
  await sleep(o.seconds * 1000)
  measuring = false
  const elapsed = (performance.now() - t0) / 1000
  running = false
  for (const ws of sockets) ws.terminate()
  await sleep(300)
  latencies.sort((a, b) => a - b)
  return { perSecond: delivered / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), exhausted }
}
