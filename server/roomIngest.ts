import type { Logger } from './log'
import type { Metrics } from './metrics'
import type { Connection } from './ws/connection'
import { sendBatch } from './ws/sendBatch'
import { BadMessage, StorageFailure, withReason } from './ws/closeCodes'
import { RoomInbox, type Inbound } from './roomInbox'
import { RoomTrialGate } from './roomTrialGate'
import type { Fault, TrialResult } from './limits/trialWorker'
import type { RoomStore } from './roomStore'
import type { RoomState } from './roomState'
import type { RoomOutput } from './roomOutput'
import type { RoomCostGuard } from './limits/RoomCostGuard'
import type { UpdateSummary } from './limits/updateSummary'
import { cpuMs } from './limits/cpuTime'
import { appendInOrder } from './roomAppend'

/** how long one slice of a room's batch may hold the event loop (ms): well under a frame */
export const SLICE_MS = 4

/**
 * how much CPU time a room may spend on one batch before its senders stop being read until it is
 * done (ms): about a frame. Shorter backlogs keep reading and applying in parallel. CPU time, not
 * wall time: on a loaded machine a batch's wall time is mostly other processes' turns, and
 * holding the room for those would only slow it down without giving other rooms anything.
 */
export const HOLD_AFTER_MS = 16


/** default largest stored size of one room (--max-room-bytes) */
export const DEFAULT_MAX_ROOM_BYTES = 256 * 1024 * 1024

export interface RoomIngestParts {
  name: string
  state: RoomState
  store: RoomStore
  guard: RoomCostGuard
  out: RoomOutput
  log: Logger
  metrics: Metrics
  maxQueuedUpdates?: number
  maxQueuedBytes?: number
  /** largest stored size of the room (default DEFAULT_MAX_ROOM_BYTES) */
  maxRoomBytes?: number
  /** builds the document before the first append; false when the room can no longer be written */
  readyToWrite(): boolean
  /** applies one durable update (false when Yjs refused it: the room is poisoned then) */
  apply(conn: Connection, update: Uint8Array): boolean
  /** an update of `conn` was applied and relayed (history follows edits) */
  edited(conn: Connection): void
  /** the updates of one batch that were stored and applied (a cluster publishes them) */
  stored(updates: Uint8Array[]): void
  /** the document is on the room host (roomAway.ts): batches are applied there */
  isAway(): boolean
  /** applies a durable batch on the room host and relays it; `hold` holds its senders (roomAway.ts applyAway) */
  applyAway(batch: Inbound[], hold: () => void): Promise<void>
  /** told the CPU time (ms) the main thread spent applying each slice, on this clock (roomAway.ts AwayTrigger; absent: not measured) */
  spent?: { clock(): number; spent(ms: number): void }
}

/**
 * The path of a client's update through its room: durable append first, then apply and relay.
 * Updates are collected in the room's inbox for the rest of this event-loop turn; on setImmediate
 * (the check phase right after the poll phase that read them) the whole batch is appended in one
 * storage transaction, then applied and relayed in arrival order, all in that one callback. While
 * storage work is queued (compaction, an asynchronous store) the batch waits its turn in the
 * room's queue so the log keeps the order in which updates are applied. The inbox is bounded:
 * past `maxQueuedUpdates` / `maxQueuedBytes` the connection holding most of it is closed with 4529 (transient: a stock client reconnects).
 */
export class RoomIngest {
  private readonly inbox: RoomInbox
  private drainScheduled = false
  /** connections whose reading is held until the room has applied its backlog (see holdSenders) */
  private readonly held = new Set<Connection>()
  /** updates waiting for the trial of a big update (run off the main thread) and those behind it */
  private readonly gate = new RoomTrialGate((entry, applies, fault) => this.afterTrial(entry, applies, fault))

  constructor(private readonly r: RoomIngestParts) {
    this.inbox = new RoomInbox(r.maxQueuedUpdates, r.maxQueuedBytes)
  }

  /**
   * Queues a client's update (`relay` is the frame relayed once it is durable and applied). With
   * `trial` (starts a big update's door trial on a worker thread) it waits for the verdict, and
   * the room's later updates wait behind it; meanwhile the senders are not read (held).
   */
  accept(conn: Connection, update: Uint8Array, relay: Uint8Array, summary?: UpdateSummary, trial?: () => Promise<TrialResult>): void {
    const { r } = this
    // A room has a size cap: an update that would take it past it is refused before anything is stored.
    const limit = r.maxRoomBytes ?? DEFAULT_MAX_ROOM_BYTES
    if (r.store.bytes + this.inbox.queuedBytes + this.gate.bytes + update.length > limit) return r.out.roomFull(conn, limit)
    if (trial || this.gate.waiting) {
      this.hold(conn)
      return this.gate.add({ conn, update, relay, summary }, trial)
    }
    this.enqueue({ conn, update, relay, summary })
  }

  /** An update whose trial is done (or that waited behind one): queued if it applies, else its sender is refused as at the door. */
  private afterTrial(entry: Inbound, applies: boolean, fault?: Fault): void {
    if (this.r.state.destroyed) return
    const reason = fault ?? 'update could not be applied'
    if (applies) this.enqueue(entry)
    else this.r.out.reject(entry.conn, withReason(BadMessage, reason), reason)
    if (!this.gate.waiting) this.settled()
  }

  private enqueue(entry: Inbound): void {
    const { r } = this
    const { conn } = entry
    // Bounded: each round closes one connection (and drops what it queued).
    if (!this.inbox.add(entry, r.out.connections.size + 1, (c, n) => r.out.closeFlooder(c, n))) return
    // While the room works through a backlog, whoever adds to it is not read until it is done.
    if (this.held.size > 0) this.hold(conn)
    if (this.drainScheduled) return
    this.drainScheduled = true
    // A room over its budget for document work waits before its next batch, so other rooms run
    // (and its sender is not read meanwhile).
    const delay = r.guard.drainDelayMs()
    if (delay > 0) {
      this.hold(conn)
      setTimeout(() => this.drainLater(), delay).unref()
    } else if (r.store.canAppendNow) setImmediate(this.drainNow)
    else void r.store.serial(() => this.drainInbox())
  }

  /** Drops every queued update (the room is deleted or quarantined). */
  dropQueued(): void {
    this.inbox.take()
    this.gate.clear()
    this.releaseAll()
  }

  /** The queued path: appends the inbox (in one call when the store can), then applies it. Run inside the store's queue. */
  async drainInbox(): Promise<void> {
    try {
      await this.drainQueued()
    } finally {
      this.settled()
    }
  }

  /**
   * Throttling at the source: a batch still being applied after HOLD_AFTER_MS of CPU holds the
   * reading of every connection that sent into it (and of any that sends more before it is applied), so
   * a room cannot pile up more work than it gets through, and what its senders send meanwhile
   * waits in their TCP buffers rather than in our event loop (where reading and decoding it
   * would delay other rooms). Everything read is stored and relayed; reading resumes once the
   * room has applied all it received (settled).
   */
  private holdSenders(batch: Inbound[]): void {
    for (const { conn } of batch) this.hold(conn)
  }

  private hold(conn: Connection): void {
    if (this.held.has(conn) || conn.closed) return
    this.held.add(conn)
    conn.holdReading()
  }

  /** After a drain: once nothing is queued or scheduled, held connections are read again. */
  private settled(): void {
    if (this.held.size > 0 && !this.drainScheduled && !this.gate.waiting) this.releaseAll()
  }

  private releaseAll(): void {
    for (const conn of this.held) conn.releaseReading()
    this.held.clear()
  }

  private async drainQueued(): Promise<void> {
    const { r } = this
    const received = this.takeInbox()
    if (r.state.destroyed || received.length === 0 || !r.readyToWrite()) return
    const batch = r.guard.admit(received)
    if (batch.length === 0) return
    if (r.store.hasSyncAppend) {
      if (this.hasBig(batch)) return this.appendThenApply(batch)
      if (this.appendBatchSync(batch)) await this.applyBatch(batch)
      return
    }
    if (r.store.hasBatchAppend) {
      try {
        await r.store.appendBatch(batch.map((e) => e.update))
      } catch (err) {
        return this.appendFailed(batch, err)
      }
      if (!r.state.destroyed) await this.applyBatch(batch)
      return
    }
    let done = 0
    try {
      for (; done < batch.length; done++) await r.store.append(batch[done]!.update)
    } catch (err) {
      this.appendFailed(batch.slice(done), err)
    }
    if (!r.state.destroyed) await this.applyBatch(batch.slice(0, done))
  }

  private drainLater(): void {
    if (this.r.store.canAppendNow) this.drainNow()
    else void this.r.store.serial(() => this.drainInbox())
  }

  private takeInbox(): Inbound[] {
    this.drainScheduled = false
    return this.inbox.take()
  }

  /** setImmediate callback: the synchronous path (one SQLite transaction for the turn's updates). */
  private readonly drainNow = (): void => {
    const { r } = this
    if (!r.store.canAppendNow) return void r.store.serial(() => this.drainInbox())
    const received = this.takeInbox()
    let rest: Promise<void> | null = null
    try {
      if (r.state.destroyed || received.length === 0 || !r.readyToWrite()) return
      const batch = r.guard.admit(received)
      if (batch.length === 0) return
      if (this.hasBig(batch)) rest = this.appendThenApply(batch)
      else if (this.appendBatchSync(batch)) rest = this.applyBatch(batch)
    } finally {
      // The rest of a long batch runs in the room's queue: the room's next updates wait behind it.
      const pending = rest
      if (pending) void r.store.serial(() => pending.finally(() => this.settled()))
      else this.settled()
    }
  }

  /** whether the batch has an update the store writes off the main thread (roomAppend.ts) */
  private hasBig(batch: Inbound[]): boolean {
    return batch.some((e) => this.r.store.stagesAppend(e.update))
  }

  /**
   * A batch with a big update: appended in order, the big ones written off the main thread while
   * the room's queue waits (other rooms go on), then applied and relayed once durable.
   */
  private async appendThenApply(batch: Inbound[]): Promise<void> {
    const { done, failed } = await appendInOrder(this.r.store, batch)
    if (failed) this.appendFailed(batch.slice(done), failed.err)
    if (!this.r.state.destroyed) await this.applyBatch(batch.slice(0, done))
  }

  /** Appends the batch in one synchronous storage call; false (connections closed) if that failed. */
  private appendBatchSync(batch: Inbound[]): boolean {
    try {
      this.r.store.appendSync(batch.map((e) => e.update))
      return true
    } catch (err) {
      this.appendFailed(batch, err)
      return false
    }
  }

  private appendFailed(batch: Inbound[], err: unknown): void {
    this.r.log.error({ room: this.r.name, err, updates: batch.length }, 'storage append failed; updates refused')
    for (const { conn } of batch) conn.close(StorageFailure)
  }

  /**
   * Applies durable updates in order; their relays to each socket leave in one write per socket
   * and slice. Every update goes to every connection, its sender included, as with the reference
   * server: to the sender it is the confirmation that the update is stored (y-websocket's
   * `sync-status` clears a local update once its content comes back), and it is traffic that
   * keeps a lone client's connection alive.
   *
   * A long batch is applied in slices of about SLICE_MS: after each, the rest waits for the next
   * check phase (setImmediate), so the event loop reads other sockets and other rooms relay in
   * between; one room's backlog delays another room's relay by one slice, not by the whole
   * batch. Null when the batch was applied at once, else the promise of its rest.
   */
  private applyBatch(batch: Inbound[]): Promise<void> | null {
    if (this.r.isAway()) return this.r.applyAway(batch, () => this.holdSenders(batch))
    const started = cpuMs()
    const reached = this.applySlice(batch, 0)
    return reached < batch.length ? this.applyRest(batch, reached, started) : null
  }

  private async applyRest(batch: Inbound[], from: number, started: number): Promise<void> {
    let holding = false
    while (from < batch.length) {
      if (!holding && cpuMs() - started >= HOLD_AFTER_MS) (this.holdSenders(batch), (holding = true))
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (this.r.state.destroyed) return
      this.r.metrics.batchSlices.inc()
      from = this.applySlice(batch, from)
    }
  }

  /** Applies updates from `from` until SLICE_MS have passed; the index reached. */
  private applySlice(batch: Inbound[], from: number): number {
    const { r } = this
    const applied: Uint8Array[] = []
    const until = performance.now() + SLICE_MS
    const cpu = r.spent?.clock()
    let i = from
    sendBatch(() => {
      while (i < batch.length) {
        const { conn, update, relay } = batch[i++]!
        if (r.guard.timed(conn, () => r.apply(conn, update))) {
          r.out.broadcast(relay, null)
          r.edited(conn)
          applied.push(update)
        }
        if (performance.now() >= until) break
      }
    })
    r.guard.afterBatch()
    if (applied.length > 0) r.stored(applied)
    if (r.spent && cpu !== undefined) r.spent.spent(r.spent.clock() - cpu)
    return i
  }
}
