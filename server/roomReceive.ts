import { canWrite } from './auth/Authorizer'
import type { Metrics } from './metrics'
import type { Connection } from './ws/connection'
import { BadMessage, OverBudget, withReason } from './ws/closeCodes'
import { encodeSyncStep2, encodeUpdate, isEmptyUpdate, messageSync, parseMessage, syncStep2Parts } from './ws/protocol'
import type { RoomCold } from './roomCold'
import type { RoomOutput } from './roomOutput'
import type { RoomPresence } from './roomPresence'
import type { RoomCostGuard } from './limits/RoomCostGuard'
import type { UpdateSummary } from './limits/updateSummary'
import { getsTrial, isSuspect } from './limits/trialApply'
import { OFF_THREAD_TRIAL_BYTES, trialOffThread, type TrialResult } from './limits/trialWorker'

/** sync step 2 answers from this size on are sent without copying the update (see syncStep2Parts) */
const LARGE_ANSWER_BYTES = 1024 * 1024

export interface RoomReceiveParts {
  metrics: Metrics
  guard: RoomCostGuard
  cold: RoomCold
  presence: RoomPresence
  out: RoomOutput
  /**
   * a writer's update, to be stored, applied and relayed (`relay` is the frame relayed); `trial`
   * starts its door trial off the main thread (the bytes may be lent to the worker until the
   * verdict: call it once the update is queued), and the update waits for the verdict
   */
  accept(conn: Connection, update: Uint8Array, relay: Uint8Array, summary?: UpdateSummary, trial?: () => Promise<TrialResult>): void
}

/** One room's handling of the frames its connections send: sync, updates, awareness. */
export class RoomReceiver {
  private readonly messagesIn = new Map<string, { inc(): void }>()

  constructor(private readonly r: RoomReceiveParts) {}

  receive(conn: Connection, data: Uint8Array, isBinary: boolean): void {
    // frames still arriving after we closed the connection (a flood read in one go) are not handled
    if (conn.closedByServer) return
    const { metrics, out } = this.r
    metrics.bytesIn.inc(data.length)
    // Like the reference server: what it does not know is skipped, never a reason to close.
    if (!isBinary) return out.ignore(conn, 'text frame', 'text frame')
    // Reading a sync message decodes its update (and tries it on a scratch document): Yjs work
    // charged to the sender's and the room's time budgets like the apply itself, so a sender
    // whose updates cost the most is the one read more slowly (server/limits). The trial of a
    // big update runs on a worker thread instead (server/limits/trialWorker.ts).
    const suspect = isSuspect(conn.address)
    const read = () => parseMessage(data, { trialAnySize: suspect, deferTrialOver: OFF_THREAD_TRIAL_BYTES, deferSummaryOver: OFF_THREAD_TRIAL_BYTES })
    const parsed = data[0] === messageSync ? this.r.guard.timed(conn, read) : read()
    if (!parsed.ok) return out.reject(conn, withReason(BadMessage, parsed.detail), parsed.reason, parsed.detail)
    const msg = parsed.message
    if (msg.kind === 'ignored') return out.ignore(conn, msg.reason, msg.detail)
    let counter = this.messagesIn.get(msg.kind)
    if (!counter) this.messagesIn.set(msg.kind, (counter = metrics.messagesIn.labels(msg.kind)))
    counter.inc()
    switch (msg.kind) {
      case 'syncStep1': {
        // A dormant room answers from its bytes; no document is built for a joiner (it is
        // decoding this answer, and building ours meanwhile only competes with it for the CPU).
        // Our step 1 (which collects the joiner's offline edits) goes ahead of the answer with an
        // empty state vector when the joiner has nothing, else as soon as the answer is handed to
        // the kernel (a big answer is not held up behind it), with the state vector read from
        // the bytes.
        if (!this.r.guard.allowSyncStep1(conn)) return out.overBudget(conn, 'too many sync requests')
        const { cold } = this.r
        const ours = cold.takeAwaiting(conn, msg.stateVector)
        if (ours === 'before') cold.sendEmptyStep1(conn)
        // A room whose document is on the room host has it answer there (roomAway.ts).
        const away = cold.diffAway(msg.stateVector)
        if (away) return void away.then((diff) => this.answerStep1(conn, diff, ours === 'after'))
        this.answerStep1(conn, cold.diffFor(msg.stateVector), ours === 'after')
        return
      }
      case 'syncStep2':
      case 'update':
        // A stock client answers our step 1 with an empty update when it has no edits of its
        // own: nothing to store, relay or count (not even as a viewer's write).
        if (isEmptyUpdate(msg.update)) return
        if (!canWrite(conn.role)) {
          metrics.viewerWritesDropped.inc()
          conn.denyWrites()
          return
        }
        // An update message is relayed as received; a step 2 is re-wrapped as an update (a step 2
        // would tell the receiving provider it is synced).
        const relay = msg.kind === 'update' ? data : encodeUpdate(msg.update)
        // a big update is decoded for its summary and tried on the worker (the trial: unless too big to try)
        if (msg.summaryPending) return this.acceptAfterTrial(conn, msg.update, relay, undefined, getsTrial(msg.update, suspect))
        if (msg.summary?.trialPending) return this.acceptAfterTrial(conn, msg.update, relay, msg.summary, true)
        this.r.accept(conn, msg.update, relay, msg.summary)
        return
      case 'awareness': {
        const verdict = this.r.presence.apply(msg.update, conn)
        if (!verdict.ok) out.reject(conn, withReason(verdict.reason === 'corrupt awareness update' ? BadMessage : OverBudget, verdict.reason), verdict.reason)
        else if (verdict.dropped > 0) metrics.rejected.inc({ reason: "awareness of another connection's ids" }, verdict.dropped)
        return
      }
      case 'queryAwareness': {
        const presence = this.r.presence.all()
        if (presence) conn.send(presence)
        return
      }
    }
  }

  /** Sends the answer to a joiner's step 1, then our step 1 when it goes `after`. */
  private answerStep1(conn: Connection, diff: Uint8Array | null, step1After: boolean): void {
    if (conn.closed) return
    const { cold } = this.r
    // A big answer (a whole board) is sent as it is, not copied into a frame of its own.
    const answer = diff && diff.length >= LARGE_ANSWER_BYTES ? syncStep2Parts(diff) : diff && encodeSyncStep2(diff)
    if (answer) conn.send(answer, true, step1After ? () => cold.sendStep1(conn) : undefined)
  }

  /**
   * A big update whose trial (and, without `summary`, its decoding for the summary) runs on the
   * worker: the room queues it and starts the trial; the worker's time is charged to the sender.
   */
  private acceptAfterTrial(conn: Connection, update: Uint8Array, relay: Uint8Array, summary: UpdateSummary | undefined, tryIt: boolean): void {
    const trial = async () => {
      const { metrics } = this.r
      metrics.trialsOffThread.inc()
      metrics.trialsInFlight.inc()
      try {
        const result = await trialOffThread(update, relay, { summarize: summary === undefined, trial: tryIt })
        this.r.guard.charge(conn, result.ms)
        return result
      } finally {
        metrics.trialsInFlight.dec()
      }
    }
    this.r.accept(conn, update, relay, summary, trial)
  }
}
