import { describe, expect, it } from 'vitest'
import { RoomCostGuard } from '../../../server/limits/RoomCostGuard'
import type { Connection } from '../../../server/ws/connection'

/** Blocks this thread for `ms` of wall time without using the CPU (what a starved core looks like to the clock). */
function sleepWithoutCpu(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Uses `ms` of CPU time (longer in wall time on a loaded machine). */
function spin(ms: number): void {
  const until = cpuMs() + ms
  while (cpuMs() < until);
}

describe('the budgets of Yjs work charge CPU time, not wall time', () => {
  const conn = { pauseReading() {} } as unknown as Connection

  it('work that waited 1.2 s for the CPU without using it leaves the room within its budget', () => {
    const guard = new RoomCostGuard(() => null, () => {})
    guard.timed(conn, () => sleepWithoutCpu(1_200))
    expect(guard.drainDelayMs()).toBe(0)
  })

  it('work that used 1.5 s of CPU puts the room over its budget (its next batch waits)', () => {
    const guard = new RoomCostGuard(() => null, () => {})
    guard.timed(conn, () => spin(1_500))
    expect(guard.drainDelayMs()).toBeGreaterThan(0)
  })
})
