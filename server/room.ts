import * as Y from 'yjs'
import type * as awarenessProtocol from 'y-protocols/awareness'
import type { Role } from './auth/Authorizer'
import type { NewVersion, VersionInfo } from './storage/Storage'
import type { Connection } from './ws/connection'
import { RoomDamaged, RoomReloaded, type CloseEvent } from './ws/closeCodes'
import { encodeUpdate } from './ws/protocol'
import { RoomState } from './roomState'
import { DEFAULT_IDLE_DOC_MS, type RoomHistoryHooks, type RoomOptions } from './roomOptions'
import { captureEdit } from './roomServerEdit'
import { buildRoomParts } from './roomParts'
import type { RoomStore } from './roomStore'
import type { RoomPresence } from './roomPresence'
import type { RoomCostGuard } from './limits/RoomCostGuard'
import type { RoomOutput } from './roomOutput'
import type { RoomCold } from './roomCold'
import type { RoomApply } from './roomApply'
import type { RoomIngest } from './roomIngest'
import type { RoomReceiver } from './roomReceive'
import type { RoomAwayLink } from './roomAway'
import { goDormant } from './roomDormancy'

/** Transaction origins inside a room document (connections are origins too). */
export { HydrateOrigin } from './roomCold'
export { RemoteOrigin } from './roomApply'
export { ServerOrigin } from './roomServerEdit'
export { DEFAULT_IDLE_DOC_MS, type RoomHistoryHooks, type RoomOptions } from './roomOptions'

/**
 * One room: the shared Y.Doc and awareness, its connections, and the rule that every accepted
 * update is durably appended before it is applied and relayed. Its parts: RoomCold (the stored
 * state until the document is built), RoomReceiver (frames from connections), RoomIngest (the
 * inbox, durable append, apply and relay of client updates), RoomApply (applying, and reloading
 * after an update Yjs could not integrate), RoomOutput (relays and closes), RoomCostGuard (budgets
 * for Yjs work), RoomStore (appends and compaction through one serial queue); goDormant
 * (roomDormancy.ts) puts an idle document to sleep, captureEdit (roomServerEdit.ts) records server edits.
 */
export class Room {
  readonly name: string
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  /** performance.now() of the last document update received (the GC hint waits for quiet rooms) */
  lastUpdateAt = -Infinity
  private readonly opts: RoomOptions
  private readonly state = new RoomState()
  private readonly store: RoomStore
  private readonly out: RoomOutput
  private readonly cold: RoomCold
  private readonly presence: RoomPresence
  /** budgets for Yjs work per connection and for the room (server/limits) */
  private readonly guard: RoomCostGuard
  private readonly applier: RoomApply
  private readonly ingest: RoomIngest
  private readonly receiver: RoomReceiver
  private history: RoomHistoryHooks | null = null
  private readonly presenceDoc = new Y.Doc()
  private quarantinedDoc: Y.Doc | null = null
  /** the document on the room host thread, for a busy room (roomAway.ts) */
  private readonly away: RoomAwayLink

  constructor(name: string, opts: RoomOptions) {
    this.name = name
    this.opts = opts
    const parts = buildRoomParts(name, opts, {
      room: this,
      state: this.state,
      connections: this.connections,
      presenceDoc: this.presenceDoc,
      idleFor: () => performance.now() - this.lastUpdateAt,
      touched: () => (this.lastUpdateAt = performance.now()),
      goDormant: () => void this.goDormant(),
      damage: (detail) => this.damage(detail),
      readyToWrite: (stayAway) => this.readyToWrite(stayAway),
      history: () => this.history,
    })
    ;({ cold: this.cold, store: this.store, out: this.out, presence: this.presence, guard: this.guard } = parts)
    ;({ applier: this.applier, away: this.away, ingest: this.ingest, receiver: this.receiver } = parts)
    this.awareness = this.presence.awareness
  }

  /** Adds a connection and starts the sync: our state vector, then the current awareness states. */
  addConnection(conn: Connection): void {
    if (this.state.damaged) return conn.close(RoomDamaged)
    if (this.state.poisoned) return conn.close(RoomReloaded)
    this.connections.add(conn)
    conn.onMessage((data, isBinary) => this.receiver.receive(conn, data, isBinary))
    this.cold.join(conn)
    const presence = this.presence.all()
    if (presence) conn.send(presence)
  }

  /** Forgets a closed connection and removes its awareness states for everyone at once. */
  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.cold.leave(conn)
    if (!this.state.destroyed) this.presence.removeConnection(conn)
  }

  /** Changes the role of every connection matching `filter` (e.g. after an access change). */
  setRole(filter: (conn: Connection) => boolean, role: Role): number {
    let n = 0
    for (const c of this.connections) if (filter(c)) (c.role = role), n++
    return n
  }

  /** Closes every connection (optionally only those matching `filter`) with the given code and reason. */
  closeAll(event: CloseEvent, filter: (conn: Connection) => boolean = () => true): number {
    return this.out.closeAll(event, filter)
  }

  /**
   * The room's document, built first when the room is dormant (anything that reads the document
   * wakes the room). After the stored state turned out unreadable (the room is quarantined), an
   * empty document that is never stored.
   */
  get doc(): Y.Doc {
    this.cold.hydrate()
    return this.cold.doc ?? (this.quarantinedDoc ??= new Y.Doc())
  }

  /** True while the room holds its state as encoded bytes only (dormant: no document). */
  isCold(): boolean {
    return this.cold.isCold
  }

  /** True while the room's document is on the room host (roomAway.ts). */
  isAway(): boolean {
    return this.cold.isAway
  }

  /** Runs `hook` with the keys of the `meta` map that client updates applied on the room host changed. */
  whileAway(hook: (metaKeys: ReadonlySet<string>) => void): void {
    this.away.whileAway(hook)
  }

  /** True while a joiner of a dormant room is being answered (our step 1 still to follow). */
  isAnswering(): boolean {
    return this.cold.answering
  }

  /** Documents built from the dormant bytes so far. */
  get wakes(): number {
    return this.cold.wakes
  }

  /** Runs `hook` on every document this room builds (and on the live one now): listeners follow the room across sleeps. */
  eachDoc(hook: (doc: Y.Doc) => void): void {
    this.cold.eachDoc(hook)
  }

  /** Builds the document a second after the next join (at once if someone is here), e.g. to check seeded metadata. */
  wakeSoon(): void {
    this.cold.wakeSoon()
  }

  /** Runs `fn` once the in-memory document holds the stored state (at once when it already does). */
  whenHydrated(fn: (room: Room) => void): void {
    this.cold.whenHydrated(() => fn(this))
  }

  /** A server-side edit (e.g. room metadata): stored, then relayed like a client's update. */
  transact(fn: (doc: Y.Doc) => void): Promise<void> {
    if (!this.readyToWrite()) return Promise.resolve()
    const doc = this.cold.doc
    if (!doc) return Promise.resolve()
    this.lastUpdateAt = performance.now()
    this.away.changedOutside()
    for (const update of captureEdit(doc, fn)) {
      void this.store.serial(async () => {
        await this.store.append(update)
        this.out.broadcast(encodeUpdate(update), null)
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
        if (this.state.destroyed) return
        await this.ingest.drainInbox()
        await this.cold.comeHome()
        if (this.state.poisoned || !this.readyToWrite()) return
        const doc = this.cold.doc
        if (doc) saved = await this.store.saveVersion(doc, make(doc))
      })
      .then(() => saved)
  }

  /** Waits for queued storage work, then writes a snapshot (or the unload version) if the log holds more than one row. */
  flush(): Promise<void> {
    return this.store.serial(async () => {
      if (this.state.destroyed) return
      await this.ingest.drainInbox()
      if (this.store.rows > 1) await this.cold.comeHome()
      // One row is a snapshot already: a room nobody edited unloads without building its document.
      // A poisoned document is never written: the log (without the bad update) is the truth.
      if (this.store.rows <= 1 || this.state.poisoned || !this.readyToWrite()) return
      const doc = this.cold.doc
      if (!doc) return
      const version = this.history?.unloadVersion(doc) ?? null
      if (version) await this.store.saveVersion(doc, version)
      else await this.store.compact(doc)
    })
  }

  /** Puts the document to sleep once the room has been idle (see goDormant). */
  private goDormant(): Promise<void> {
    return goDormant({
      store: this.store, state: this.state, ingest: this.ingest, cold: this.cold,
      idleMs: this.opts.idleDocMs ?? DEFAULT_IDLE_DOC_MS,
      lastUpdateAt: () => this.lastUpdateAt,
      onDormant: () => this.opts.onDormant?.(this),
    })
  }

  /**
   * Ends a room that is being deleted: nothing more is written (queued updates are dropped, no
   * compaction runs later), then the document and awareness are freed. Resolves once storage work
   * already under way has finished, so the caller's delete comes after it.
   */
  async abandon(): Promise<void> {
    this.state.destroyed = true
    this.cold.dispose()
    this.store.dispose()
    this.ingest.dropQueued()
    await this.store.idle()
    this.presence.destroy()
    this.presenceDoc.destroy()
  }

  /** Flushes, then frees the document and awareness (the registry calls this once the room is empty). */
  async destroy(): Promise<void> {
    await this.flush()
    this.state.destroyed = true
    this.cold.dispose()
    this.store.dispose()
    this.presence.destroy()
    this.presenceDoc.destroy()
  }

  /**
   * An update another instance stored (or the stored state, on a catch-up): applied and relayed
   * to every connection here, never stored again. `relay: 'delta'` relays only what was new to
   * this document (a catch-up holds mostly known content). A failure to apply reloads the room.
   */
  applyRemote(update: Uint8Array, relay: 'as-is' | 'delta'): void {
    this.away.changedOutside()
    if (this.applier.applyRemote(update, relay)) this.lastUpdateAt = performance.now()
  }

  /** An awareness update from another instance (`origin` names it): applied and relayed to every connection here. */
  applyRemoteAwareness(update: Uint8Array, origin: object): void {
    if (!this.state.destroyed) this.presence.applyRemote(update, origin)
  }

  /** The awareness states this instance's connections announced, as one awareness update (null when none). */
  localPresence(): Uint8Array | null {
    return this.presence.ofConnections(this.connections)
  }

  /**
   * Builds the document (or brings it home from the room host, unless `stayAway`: client updates
   * are applied there) before the first append; a stored state that cannot be read quarantines
   * the room: nothing is appended.
   */
  private readyToWrite(stayAway = false): boolean {
    if (!stayAway || !this.cold.isAway) this.cold.hydrate()
    return !this.state.damaged && !this.state.destroyed
  }

  /**
   * The stored state is unreadable: quarantine. Every connection is closed with 4423, nothing is
   * appended or compacted (the stored bytes stay exactly as they are) and the registry is told.
   */
  private damage(detail: string): void {
    if (this.state.damaged || this.state.destroyed) return
    this.state.damaged = true
    this.ingest.dropQueued()
    this.out.closeAll(RoomDamaged)
    this.opts.onDamaged?.(this, detail)
  }
}
