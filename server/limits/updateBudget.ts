/**
 * Cost budgets for Yjs work, per connection and per room (README "Security").
 *
 * Integrating an update into a document is cheap for what editors send, but can be made to cost
 * far more than its size: inserts from many new client ids at one spot are each compared with
 * all earlier ones (quadratic), and structs that wait for something missing ("pending") are
 * re-merged with every later update (quadratic again). So before a batch is stored, every update
 * is checked against the document (updateSummary.ts): new client ids and pending structs are
 * charged to the sender's and the room's budget, and an update over budget is refused (the
 * sender closed with 4429, nothing stored). What gets through is timed: its CPU time (not wall
 * time, cpuTime.ts) is charged to the connection (over budget: its socket is paused, so it is read more slowly) and to the room
 * (over budget: its next batch waits, so other rooms' relays run in between).
 */
import { LIMITS } from './limits'
import { TokenBucket } from './TokenBucket'
import type { ClockOf, UpdateSummary } from './updateSummary'
import { integrationCost } from './updateSummary'

export class ConnectionBudget {
  readonly newClients = new TokenBucket(LIMITS.connection.newClientIdsBurst, LIMITS.connection.newClientIdsPerSecond)
  readonly applyMs = new TokenBucket(LIMITS.connection.applyMsBurst, LIMITS.connection.applyMsPerSecond)
  readonly syncStep1 = new TokenBucket(LIMITS.connection.syncStep1Burst, LIMITS.connection.syncStep1PerSecond)
  /** structs this connection left pending, over its lifetime */
  pending = 0
}

export class RoomBudget {
  readonly newClients = new TokenBucket(LIMITS.room.newClientIdsBurst, LIMITS.room.newClientIdsPerSecond)
  readonly applyMs = new TokenBucket(LIMITS.room.applyMsBurst, LIMITS.room.applyMsPerSecond)
  /** structs waiting in the document (reset once Yjs has none pending) */
  pending = 0
}

export type Admission = { ok: true } | { ok: false; reason: 'too many new client ids' | 'too many pending structs' }

/**
 * Whether an update may be stored and applied, charging both budgets when it may. `clockOf`
 * gives the document's clocks including updates admitted earlier in the same batch.
 */
export function admitUpdate(summary: UpdateSummary, clockOf: ClockOf, conn: ConnectionBudget, room: RoomBudget): Admission {
  const cost = integrationCost(summary, clockOf)
  if (cost.pending > 0) {
    if (conn.pending + cost.pending > LIMITS.connection.pendingStructs || room.pending + cost.pending > LIMITS.room.pendingStructs) {
      return { ok: false, reason: 'too many pending structs' }
    }
  }
  if (cost.newClients > 0) {
    if (conn.newClients.balance < cost.newClients || room.newClients.balance < cost.newClients) {
      return { ok: false, reason: 'too many new client ids' }
    }
    conn.newClients.charge(cost.newClients)
    room.newClients.charge(cost.newClients)
  }
  conn.pending += cost.pending
  room.pending += cost.pending
  return { ok: true }
}
