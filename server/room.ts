import * as Y from 'yjs'
import type * as awarenessProtocol from 'y-protocols/awareness'
import { canWrite, type Role } from './auth/Authorizer'
import type { NewVersion, Storage, VersionInfo } from './storage/Storage'
import type { Metrics } from './metrics'
import type { Logger } from './log'
import { Connection, sendBatch } from './ws/connection'
import { BadMessage, OverBudget, RoomDamaged, RoomReloaded, StorageFailure, TooManyPending, withReason, type CloseEvent } from './ws/closeCodes'
import {
  encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyStateVector, isEmptyUpdate, parseMessage, syncStep2Parts, type IgnoredReason,
} from './ws/protocol'
import { RoomInbox, type Inbound } from './roomInbox'
import { RoomStore } from './roomStore'
import { RoomPresence } from './roomPresence'
import { RoomCostGuard, type RefusalReason } from './limits/RoomCostGuard'
import type { UpdateSummary } from './limits/updateSummary'
import { isSuspect, rememberUnapplicable } from './limits/trialApply'

/** sync step 2 answers from this size on are sent without copying the update (see syncStep2Parts) */
const LARGE_ANSWER_BYTES = 1024 * 1024

/** Transaction origins inside a room document (connections are origins too). */
export const HydrateOrigin = Symbol('tessera.hydrate')
export const ServerOrigin = Symbol('tessera.server')
/** Updates another instance of the cluster stored (server/cluster): applied and relayed here, never stored again. */
export const RemoteOrigin = Symbol('tessera.remote')

export interface RoomOptions {
  storage: Storage
  metrics: Metrics
  log: Logger
  /** compact the log into one snapshot after this many appended updates… */
  compactAfterUpdates: number
  /** …or this many appended bytes */
  compactAfterBytes: number
  /** the stored state, applied lazily: the first joiner is answered straight from these bytes */
  stored: Uint8Array | null
  storedRows: number
  storedBytes: number
  /** most updates waiting in the room's inbox (received, not yet durable); past it the biggest sender is closed with 4429 */
  maxQueuedUpdates?: number
  /** most bytes waiting in the room's inbox */
  maxQueuedBytes?: number
  /**
   * Called once when an update failed to apply after it was stored: the document may hold part of
   * it, so the registry must drop this room at once (its next user loads it again from storage).
   */
  onPoisoned?: (room: Room) => void
  /**
   * Called once when the stored state turned out to be unreadable (for stores without checksums,
   * which catch this at load): the registry quarantines the room; nothing of it is written again.
   */
  onDamaged?: (room: Room, detail: string) => void
  /** Told about the updates this room stored and applied (a cluster publishes them to the other instances). */
  onStored?: (room: Room, updates: Uint8Array[]) => void
  /** Told about awareness changes made by this instance's connections (a cluster publishes them). */
  onPresence?: (room: Room, awarenessUpdate: Uint8Array) => void
}

/**
 * One room: the shared Y.Doc and awareness, its connections, and the rule that every accepted
 * update is durably appended before it is applied and relayed. Storage work (appends, compaction)
 * goes through the room's RoomStore and its serial queue.
 */
/** What the history service (server/history) hears from a room. */
export interface RoomHistoryHooks {
  /** an update from this connection was applied */
  edited(conn: Connection): void
  /** the version to record instead of a plain compaction when the room unloads, or null */
  unloadVersion(doc: Y.Doc): NewVersion | null
}

export class Room {
  readonly name: string
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  private readonly opts: RoomOptions
  private stored: Uint8Array | null
  private readonly store: RoomStore
  private readonly awaitingStep1 = new Set<Connection>()
  /** a cold room's state vector, read from the stored bytes for the server's sync step 1 */
  private coldStateVector: Uint8Array | null = null
  private readonly inbox: RoomInbox
  private drainScheduled = false
  /** performance.now() of the last document update received (the GC hint waits for quiet rooms) */
  lastUpdateAt = -Infinity
  private readonly messagesIn = new Map<string, { inc(): void }>()
  private hydrateTimer: NodeJS.Timeout | undefined
  private readonly hydratedHooks: Array<(room: Room) => void> = []
  private destroyed = false
  /** set once an update failed half-way: the document is no longer trusted (never compacted, never served again) */
  private poisoned = false
  /** set once the stored state could not be read: the room is quarantined (never served, never written) */
  private damaged = false
  private readonly presence: RoomPresence
  /** budgets for Yjs work per connection and for the room (server/limits) */
  private readonly guard: RoomCostGuard
  private history: RoomHistoryHooks | null = null

  constructor(name: string, opts: RoomOptions) {
    this.name = name
    this.opts = opts
    this.stored = opts.stored
    this.store = new RoomStore({
      room: name,
      storage: opts.storage,
      metrics: opts.metrics,
      log: opts.log,
      compactAfterUpdates: opts.compactAfterUpdates,
      compactAfterBytes: opts.compactAfterBytes,
      rows: opts.storedRows,
      bytes: opts.storedBytes,
      document: () => (this.destroyed || this.poisoned || this.damaged || this.stored ? null : this.doc),
    })
    this.inbox = new RoomInbox(opts.maxQueuedUpdates, opts.maxQueuedBytes)
    // No 'update' listener on the document: with one, Yjs re-encodes every applied update. A
    // client's update is relayed as the frame it arrived in; server edits are captured in transact().
    this.presence = new RoomPresence(this.doc, (frameFor) => this.deliver(frameFor), opts.onPresence && ((u) => opts.onPresence!(this, u)))
    this.awareness = this.presence.awareness
    this.guard = new RoomCostGuard(this.doc, (conn, reason) => this.overBudget(conn, reason))
  }

  /** Adds a connection and starts the sync: our state vector, then the current awareness states. */
  addConnection(conn: Connection): void {
    if (this.damaged) return conn.close(RoomDamaged)
    if (this.poisoned) return conn.close(RoomReloaded)
    this.connections.add(conn)
    conn.onMessage((data, isBinary) => this.receive(conn, data, isBinary))
    if (this.stored) {
      // Cold room: the client's step 1 is answered from the stored bytes first and ours follows
      // right after that answer (see receive); the document itself is built later.
      if (this.coldStateVector) conn.send(encodeSyncStep1(this.coldStateVector))
      else this.awaitingStep1.add(conn)
      this.hydrateTimer ??= setTimeout(() => this.hydrate(), 1_000).unref()
    } else {
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    }
    const presence = this.presence.all()
    if (presence) conn.send(presence)
  }

  /** Forgets a closed connection and removes its awareness states for everyone at once. */
  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.awaitingStep1.delete(conn)
    if (!this.destroyed) this.presence.removeConnection(conn)
  }

  /** Changes the role of every connection matching `filter` (e.g. after an access change). */
  setRole(filter: (conn: Connection) => boolean, role: Role): number {
    let n = 0
    for (const c of this.connections) if (filter(c)) (c.role = role), n++
    return n
  }

  /** Closes every connection (optionally only those matching `filter`) with the given code and reason. */
  closeAll(event: CloseEvent, filter: (conn: Connection) => boolean = () => true): number {
    let n = 0
    for (const c of [...this.connections]) if (filter(c)) (c.close(event), n++)
    return n
  }

  /** True while the stored state has not been applied to `doc` yet. */
  isCold(): boolean {
    return this.stored !== null
  }

  /** Runs `fn` once the in-memory document holds the stored state (at once when it already does). */
  whenHydrated(fn: (room: Room) => void): void {
    if (this.stored && !this.destroyed) this.hydratedHooks.push(fn)
    else if (!this.destroyed) fn(this)
  }

  /** A server-side edit (e.g. room metadata): stored, then relayed like a client's update. */
  transact(fn: (doc: Y.Doc) => void): Promise<void> {
    if (!this.readyToWrite()) return Promise.resolve()
    const updates: Uint8Array[] = []
    const capture = (update: Uint8Array) => void updates.push(update)
    this.doc.on('update', capture)
    try {
      this.doc.transact(() => fn(this.doc), ServerOrigin)
    } finally {
      this.doc.off('update', capture)
    }
    for (const update of updates) {
      void this.store.serial(async () => {
        await this.store.append(update)
        this.broadcast(encodeUpdate(update), null)
        this.opts.onStored?.(this, [update])
      })
    }
    return this.store.idle()
  }

  /** Lets the history service follow edits and take the unload version (one per room). */
  attachHistory(hooks: RoomHistoryHooks): void {
    this.history = hooks
  }

  /**
   * Records a version of the current document (after every update received so far), through the
   * room's storage queue; null when the room can no longer be written (deleted, damaged, poisoned).
   */
  saveVersion(make: (doc: Y.Doc) => NewVersion): Promise<VersionInfo | null> {
    let saved: VersionInfo | null = null
    return this.store
      .serial(async () => {
        if (this.destroyed) return
        await this.drainInbox()
        if (this.poisoned || !this.readyToWrite()) return
        saved = await this.store.saveVersion(this.doc, make(this.doc))
      })
      .then(() => saved)
  }

  /** Waits for queued storage work, then writes a snapshot (or the unload version) if the log holds more than one row. */
  flush(): Promise<void> {
    return this.store.serial(async () => {
      if (this.destroyed) return
      await this.drainInbox()
      // One row is a snapshot already: a room nobody edited unloads without building its document.
      // A poisoned document is never written: the log (without the bad update) is the truth.
      if (this.store.rows <= 1 || this.poisoned || !this.readyToWrite()) return
      const version = this.history?.unloadVersion(this.doc) ?? null
      if (version) await this.store.saveVersion(this.doc, version)
      else await this.store.compact(this.doc)
    })
  }

  /**
   * Ends a room that is being deleted: nothing more is written (queued updates are dropped, no
   * compaction runs later), then the document and awareness are freed. Resolves once storage work
   * already under way has finished, so the caller's delete comes after it.
   */
  async abandon(): Promise<void> {
    this.destroyed = true
    clearTimeout(this.hydrateTimer)
    this.store.dispose()
    this.inbox.take()
    await this.store.idle()
    this.presence.destroy()
    this.doc.destroy()
  }

  /** Flushes, then frees the document and awareness (the registry calls this once the room is empty). */
  async destroy(): Promise<void> {
    await this.flush()
    this.destroyed = true
    clearTimeout(this.hydrateTimer)
    this.store.dispose()
    this.presence.destroy()
    this.doc.destroy()
  }

  private receive(conn: Connection, data: Uint8Array, isBinary: boolean): void {
    // frames still arriving after we closed the connection (a flood read in one go) are not handled
    if (conn.closed) return
    const { metrics } = this.opts
    metrics.bytesIn.inc(data.length)
    // Like the reference server: what it does not know is skipped, never a reason to close.
    if (!isBinary) return this.ignore(conn, 'text frame', 'text frame')
    const parsed = parseMessage(data, { trialAnySize: isSuspect(conn.address) })
    if (!parsed.ok) return this.reject(conn, withReason(BadMessage, parsed.detail), parsed.reason, parsed.detail)
    const msg = parsed.message
    if (msg.kind === 'ignored') return this.ignore(conn, msg.reason, msg.detail)
    let counter = this.messagesIn.get(msg.kind)
    if (!counter) this.messagesIn.set(msg.kind, (counter = metrics.messagesIn.labels(msg.kind)))
    counter.inc()
    switch (msg.kind) {
      case 'syncStep1': {
        // A cold room's document is built by hydrateTimer (or at once by the first edit), not
        // now: the joiner is still decoding these bytes, and building ours meanwhile only competes
        // with it for the CPU. Our step 1 (which collects the joiner's offline edits) follows as
        // soon as the answer is handed to the kernel (a big answer is not held up behind it), with
        // the state vector read from the stored bytes: far cheaper than building the document.
        if (!this.guard.allowSyncStep1(conn)) return this.overBudget(conn, 'too many sync requests')
        const cold = this.stored !== null && this.awaitingStep1.delete(conn)
        const diff = this.diffFor(msg.stateVector)
        // A big answer (a whole board) is sent as it is, not copied into a frame of its own.
        const answer = diff && diff.length >= LARGE_ANSWER_BYTES ? syncStep2Parts(diff) : diff && encodeSyncStep2(diff)
        if (answer) conn.send(answer, true, cold ? () => this.sendColdStep1(conn) : undefined)
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
        this.accept(conn, msg.update, msg.kind === 'update' ? data : encodeUpdate(msg.update), msg.summary)
        return
      case 'awareness':
      {
        const verdict = this.presence.apply(msg.update, conn)
        if (!verdict.ok) this.reject(conn, withReason(verdict.reason === 'corrupt awareness update' ? BadMessage : OverBudget, verdict.reason), verdict.reason)
        else if (verdict.dropped > 0) metrics.rejected.inc({ reason: "awareness of another connection's ids" }, verdict.dropped)
        return
      }
      case 'queryAwareness': {
        const presence = this.presence.all()
        if (presence) conn.send(presence)
        return
      }
    }
  }

  /** What a client with `stateVector` is missing. An empty client joining a cold room gets the stored bytes as they are. */
  private diffFor(stateVector: Uint8Array): Uint8Array | null {
    if (this.stored) {
      if (isEmptyStateVector(stateVector)) return this.stored
      try {
        return Y.diffUpdate(this.stored, stateVector)
      } catch (err) {
        this.damage(`stored state could not be read (${(err as Error).message})`)
        return null
      }
    }
    return Y.encodeStateAsUpdate(this.doc, stateVector)
  }

  /**
   * Durable append first, then apply and relay. Updates are collected in the room's inbox for the
   * rest of this event-loop turn; on setImmediate (the check phase right after the poll phase that
   * read them) the whole batch is appended in one storage transaction, then applied and relayed
   * in arrival order, all in that one callback. While storage work is queued (compaction, an
   * asynchronous store) the batch waits its turn in the room's queue so the log keeps the order in
   * which updates are applied. The inbox is bounded: past `maxQueuedUpdates` / `maxQueuedBytes`
   * the connection holding most of it is closed with 4429.
   */
  private accept(conn: Connection, update: Uint8Array, relay: Uint8Array, summary?: UpdateSummary): void {
    if (this.destroyed || conn.closed) return
    this.lastUpdateAt = performance.now()
    // Bounded: each round closes one connection (and drops what it queued).
    if (!this.inbox.add({ conn, update, relay, summary }, this.connections.size + 1, (c, n) => this.closeFlooder(c, n))) return
    if (this.drainScheduled) return
    this.drainScheduled = true
    // A room over its budget for document work waits before its next batch, so other rooms run.
    const delay = this.guard.drainDelayMs()
    if (delay > 0) setTimeout(() => this.drainLater(), delay).unref()
    else if (this.store.canAppendNow) setImmediate(this.drainNow)
    else void this.store.serial(() => this.drainInbox())
  }

  private drainLater(): void {
    if (this.store.canAppendNow) this.drainNow()
    else void this.store.serial(() => this.drainInbox())
  }

  /** Closes a connection that went over a hard limit of its budget for document work (4429; nothing of it stored). */
  private overBudget(conn: Connection, reason: RefusalReason): void {
    this.opts.metrics.rejected.inc({ reason })
    this.opts.log.warn({ room: this.name, conn: conn.id, code: OverBudget.code, reason }, 'closing connection over its budget')
    conn.close(withReason(OverBudget, reason))
  }

  /** Closes a connection that flooded the room's inbox (its queued, not yet durable updates are dropped). */
  private closeFlooder(conn: Connection, dropped: number): void {
    const reason = `too many pending updates in room (${dropped} dropped)`
    this.opts.metrics.rejected.inc({ reason: 'too many pending' })
    this.opts.log.warn({ room: this.name, conn: conn.id, code: TooManyPending.code, reason }, 'closing connection that floods its room')
    conn.close(TooManyPending)
  }

  private takeInbox(): Inbound[] {
    this.drainScheduled = false
    return this.inbox.take()
  }

  /** setImmediate callback: the synchronous path (one SQLite transaction for the turn's updates). */
  private readonly drainNow = (): void => {
    if (!this.store.canAppendNow) return void this.store.serial(() => this.drainInbox())
    const received = this.takeInbox()
    if (this.destroyed || received.length === 0 || !this.readyToWrite()) return
    const batch = this.guard.admit(received)
    if (batch.length > 0 && this.appendBatchSync(batch)) this.applyBatch(batch)
  }

  /** Builds the document before the first append (a stored state that cannot be read quarantines the room: nothing is appended). */
  private readyToWrite(): boolean {
    this.hydrate()
    return !this.damaged && !this.destroyed
  }

  /** The queued path: appends the inbox (in one call when the store can), then applies it. */
  private async drainInbox(): Promise<void> {
    const received = this.takeInbox()
    if (this.destroyed || received.length === 0 || !this.readyToWrite()) return
    const batch = this.guard.admit(received)
    if (batch.length === 0) return
    if (this.store.hasSyncAppend) {
      if (this.appendBatchSync(batch)) this.applyBatch(batch)
      return
    }
    if (this.store.hasBatchAppend) {
      try {
        await this.store.appendBatch(batch.map((e) => e.update))
      } catch (err) {
        return this.appendFailed(batch, err)
      }
      if (!this.destroyed) this.applyBatch(batch)
      return
    }
    let done = 0
    try {
      for (; done < batch.length; done++) await this.store.append(batch[done]!.update)
    } catch (err) {
      this.appendFailed(batch.slice(done), err)
    }
    if (!this.destroyed) this.applyBatch(batch.slice(0, done))
  }

  /** Appends the batch in one synchronous storage call; false (connections closed) if that failed. */
  private appendBatchSync(batch: Inbound[]): boolean {
    try {
      this.store.appendSync(batch.map((e) => e.update))
      return true
    } catch (err) {
      this.appendFailed(batch, err)
      return false
    }
  }

  private appendFailed(batch: Inbound[], err: unknown): void {
    this.opts.log.error({ room: this.name, err, updates: batch.length }, 'storage append failed; updates refused')
    for (const { conn } of batch) conn.close(StorageFailure)
  }

  /**
   * Applies durable updates in order; their relays to each socket leave in one write per socket.
   * Every update goes to every connection, its sender included, as with the reference server: to
   * the sender it is the confirmation that the update is stored (y-websocket's `sync-status`
   * clears a local update once its content comes back), and it is traffic that keeps a lone
   * client's connection alive.
   */
  private applyBatch(batch: Inbound[]): void {
    const applied: Uint8Array[] = []
    sendBatch(() => {
      for (const { conn, update, relay } of batch) {
        if (!this.guard.timed(conn, () => this.applyAccepted(conn, update))) continue
        this.broadcast(relay, null)
        this.history?.edited(conn)
        applied.push(update)
      }
    })
    this.guard.afterBatch()
    if (applied.length > 0) this.opts.onStored?.(this, applied)
  }

  /**
   * An update another instance stored (or the stored state, on a catch-up): applied and relayed
   * to every connection here, never stored again. `relay: 'delta'` relays only what was new to
   * this document (a catch-up holds mostly known content). A failure to apply reloads the room.
   */
  applyRemote(update: Uint8Array, relay: 'as-is' | 'delta'): void {
    if (this.destroyed || this.poisoned || this.damaged) return
    this.hydrate()
    const deltas: Uint8Array[] = []
    const capture = (u: Uint8Array) => void deltas.push(u)
    if (relay === 'delta') this.doc.on('update', capture)
    try {
      Y.applyUpdate(this.doc, update, RemoteOrigin)
    } catch (err) {
      this.opts.log.error({ room: this.name, err }, 'an update from another instance could not be applied; reloading the room')
      this.poisoned = true
      this.closeAll(RoomReloaded)
      this.opts.onPoisoned?.(this)
      return
    } finally {
      this.doc.off('update', capture)
    }
    this.lastUpdateAt = performance.now()
    sendBatch(() => {
      if (relay === 'as-is') this.broadcast(encodeUpdate(update), null)
      else for (const d of deltas) this.broadcast(encodeUpdate(d), null)
    })
  }

  /** An awareness update from another instance (`origin` names it): applied and relayed to every connection here. */
  applyRemoteAwareness(update: Uint8Array, origin: object): void {
    if (!this.destroyed) this.presence.applyRemote(update, origin)
  }

  /** The awareness states this instance's connections announced, as one awareness update (null when none). */
  localPresence(): Uint8Array | null {
    return this.presence.ofConnections(this.connections)
  }

  /** Applies an update that is already durable (false if Yjs refused it); the log is compacted later, off this path. */
  private applyAccepted(conn: Connection, update: Uint8Array): boolean {
    if (this.destroyed || this.poisoned || this.damaged) return false
    this.hydrate()
    const endApply = this.opts.metrics.updateApplySeconds.startTimer()
    // Structs or deletions Yjs holds back (waiting for something missing) are integrated when a
    // later update supplies it, inside that update's apply: if it throws then, the fault may be
    // theirs, not this sender's (a pending struct can be crafted to break someone else's edit).
    const hadPending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    try {
      Y.applyUpdate(this.doc, update, conn)
    } catch {
      if (hadPending) this.opts.metrics.rejected.inc({ reason: 'update could not be applied' })
      else {
        rememberUnapplicable(update, conn.address) // refused at the door if it comes again (server/limits/trialApply.ts)
        this.reject(conn, withReason(BadMessage, 'update could not be applied'), 'update could not be applied')
      }
      this.poison(update, hadPending)
      return false
    } finally {
      endApply()
    }
    return true
  }

  /**
   * An update decoded but Yjs threw while integrating it, so the document may hold part of it.
   * It is already in the log (updates are durable before they are applied): take it out again,
   * close every connection so clients reconnect, and let the registry drop this room; the next
   * user loads it from the log, without the bad update. Nothing of it was relayed. When pending
   * structs were waiting, they are suspects as well and are purged from the log too; their
   * senders and this one (closed with 1012, not refused) send again what the server lacks when
   * they reconnect.
   */
  private poison(update: Uint8Array, purgePending: boolean): void {
    void this.store.serial(() => this.store.discard(update))
    if (purgePending) void this.store.serial(() => this.store.purgePending())
    if (this.poisoned) return
    this.poisoned = true
    this.opts.log.error({ room: this.name }, 'an update could not be applied; reloading the room from storage without it')
    this.closeAll(RoomReloaded)
    this.opts.onPoisoned?.(this)
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    let sent = 0
    for (const c of this.connections) if (c !== except && c.send(frame, false)) sent++
    if (sent === 0) return
    this.opts.metrics.messagesOut.inc(sent)
    this.opts.metrics.bytesOut.inc(sent * frame.length)
  }

  /** Sends each connection its own frame (presence: one per connection per turn), counted once. */
  private deliver(frameFor: (conn: Connection) => Uint8Array | null): void {
    let sent = 0
    let bytes = 0
    for (const c of this.connections) {
      const frame = frameFor(c)
      if (frame && c.send(frame, false)) (sent++, (bytes += frame.length))
    }
    this.opts.metrics.messagesOut.inc(sent)
    this.opts.metrics.bytesOut.inc(bytes)
  }

  /** Skips a frame the server does not handle: counted (`reason` is one of a fixed set) and logged at debug level. */
  private ignore(conn: Connection, reason: IgnoredReason, detail: string): void {
    this.opts.metrics.ignored.inc({ reason })
    this.opts.log.debug({ room: this.name, conn: conn.id, reason: detail }, 'ignored a frame')
  }

  /** Closes after bad input; `reason` is one of a fixed set (it labels a metric), `detail` goes to the log. */
  private reject(conn: Connection, event: CloseEvent, reason: string, detail: string = reason): void {
    this.opts.metrics.rejected.inc({ reason })
    this.opts.log.warn({ room: this.name, conn: conn.id, code: event.code, reason: detail }, 'closing connection after bad input')
    conn.close(event)
  }

  private hydrate(): void {
    if (!this.stored || this.destroyed) return
    const stored = this.stored
    this.stored = null
    this.coldStateVector = null
    clearTimeout(this.hydrateTimer)
    try {
      Y.applyUpdate(this.doc, stored, HydrateOrigin)
    } catch (err) {
      return this.damage(`stored state could not be applied (${(err as Error).message})`)
    }
    if (this.awaitingStep1.size > 0) {
      const step1 = encodeSyncStep1(Y.encodeStateVector(this.doc))
      for (const c of this.awaitingStep1) c.send(step1)
      this.awaitingStep1.clear()
    }
    for (const fn of this.hydratedHooks.splice(0)) fn(this)
  }

  private sendColdStep1(conn: Connection): void {
    if (conn.closed || this.destroyed) return
    if (this.stored) this.coldStateVector ??= this.storedStateVector(this.stored)
    conn.send(encodeSyncStep1(this.coldStateVector ?? Y.encodeStateVector(this.doc)))
  }

  /** The state vector of stored bytes, without building a document; null-safe against bad bytes. */
  private storedStateVector(stored: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateVectorFromUpdate(stored)
    } catch (err) {
      this.damage(`stored state could not be read (${(err as Error).message})`)
      return Y.encodeStateVector(this.doc)
    }
  }

  /**
   * The stored state is unreadable: quarantine. Every connection is closed with 4423, nothing is
   * appended or compacted (the stored bytes stay exactly as they are) and the registry is told.
   */
  private damage(detail: string): void {
    if (this.damaged || this.destroyed) return
    this.damaged = true
    this.inbox.take()
    this.closeAll(RoomDamaged)
    this.opts.onDamaged?.(this, detail)
  }
}
