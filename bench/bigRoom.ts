// The big room: 200 real provider clients in one room, one of them writing at 30 Hz, 20 others
// moving their cursors at 10 Hz, everyone with a presence state. Measured: the delay from the
// writer's change to each other client's document (p50/p99 of every delivery) and the server's
// CPU on its core over the measured window. Presence 'stock' = published y-websocket clients, which
// re-send every awareness change they receive; 'own' = clients sending only their own presence.
import { openClient, type BenchClient } from './clients'
import { cpuSeconds, type Target } from './targets'
import { percentile } from './stats'

export interface RoomLoad {
  clients: number
  /** writes per second of the one writer */
  writeHz: number
  /** how many clients move their cursor, and how often */
  movers: number
  moveHz: number
  presence: 'stock' | 'own'
  warmupSeconds: number
  seconds: number
}

export const BIG_ROOM: Omit<RoomLoad, 'presence'> = {
  clients: 200, writeHz: 30, movers: 20, moveHz: 10, warmupSeconds: 2, seconds: 5,
}

export interface LatencyResult {
  p50: number
  p99: number
  samples: number
  /** share of one core the server used while measuring (0–1) */
  serverCpu: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Opens `n` clients in `room`, `batch` at a time, and waits for each to sync. */
export async function openRoom(t: Target, room: string, n: number, presence: 'stock' | 'own', batch = 25): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  for (let i = 0; i < n; i += batch) {
    const group = Array.from({ length: Math.min(batch, n - i) }, () => openClient(t.name, t.port, room, { presence }))
    await Promise.all(group.map((c) => c.synced))
    clients.push(...group)
  }
  clients.forEach((c, i) => c.awareness.setLocalState({ user: { name: `user ${i}`, color: '#1971c2' }, cursor: null, selection: [] }))
  return clients
}

/**
 * A writer at `writeHz` in the room's clients[0]: each write appends its send time to an array;
 * every other client times each appended entry when it arrives (several writes merged into one
 * update each count).
 */
export class LatencyProbe {
  private readonly latencies: number[] = []
  private measuring = false
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly clients: BenchClient[], private readonly writeHz: number) {
    clients.slice(1).forEach((c) => {
      c.doc.getArray<number>('bench').observe((e) => {
        if (!this.measuring) return
        const now = performance.now()
        for (const d of e.changes.delta) if (Array.isArray(d.insert)) for (const at of d.insert as number[]) this.latencies.push(now - at)
      })
    })
  }

  start(): void {
    const writer = this.clients[0]!.doc.getArray<number>('bench')
    this.timer = setInterval(() => writer.push([performance.now()]), 1000 / this.writeHz)
  }

  measure(on: boolean): void {
    this.measuring = on
  }

  /** the samples so far (sorted), and a fresh start */
  take(): number[] {
    return this.latencies.splice(0).sort((a, b) => a - b)
  }

  stop(): number[] {
    if (this.timer) clearInterval(this.timer)
    this.measuring = false
    return this.latencies.sort((a, b) => a - b)
  }
}

/** Moves the cursors of clients[1..movers] at `hz` (a point on a circle each). */
export function moveCursors(clients: BenchClient[], movers: number, hz: number): () => void {
  let tick = 0
  const timer = setInterval(() => {
    tick++
    for (let i = 1; i <= movers && i < clients.length; i++) {
      const a = tick / 10 + i
      clients[i]!.awareness.setLocalStateField('cursor', { x: Math.round(400 + Math.cos(a) * 300), y: Math.round(300 + Math.sin(a) * 200), pageId: 'p' })
    }
  }, 1000 / hz)
  return () => clearInterval(timer)
}

export async function bigRoomRun(t: Target, load: RoomLoad): Promise<LatencyResult> {
  const room = `big-${load.presence}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`
  const clients = await openRoom(t, room, load.clients, load.presence)
  const probe = new LatencyProbe(clients, load.writeHz)
  const stopCursors = moveCursors(clients, load.movers, load.moveHz)
  try {
    probe.start()
    await sleep(load.warmupSeconds * 1000)
    const cpu0 = cpuSeconds(t.proc.pid!)
    const t0 = performance.now()
    probe.measure(true)
    await sleep(load.seconds * 1000)
    probe.measure(false)
    const cpu = (cpuSeconds(t.proc.pid!) - cpu0) / ((performance.now() - t0) / 1000)
    stopCursors()
    await sleep(300)
    const sorted = probe.stop()
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length, serverCpu: cpu }
  } finally {
    stopCursors()
    probe.stop()
    for (const c of clients) c.destroy()
    await sleep(500)
  }
}
