import * as Y from 'yjs'
import type { Connection } from './ws/connection'
import { encodeSyncStep1, isEmptyStateVector } from './ws/protocol'
import type { RoomState } from './roomState'
import { RoomDoc, type DocClocks } from './roomDoc'
import type { RoomHost } from './roomHost'

/** Transaction origin of the stored state applied to a room's document. */
export const HydrateOrigin = Symbol('tessera.hydrate')

/** an empty state vector (no clients), our step 1 to a joiner that has nothing (see RoomReceiver) */
const EMPTY_STATE_VECTOR = new Uint8Array([0])

export interface RoomColdOptions {
  /**
   * A live document with no document update for this long goes dormant (0: never). A stored
   * room always starts dormant; with 0 its document is built a second after the first join.
   */
  idleMs: number
  /** ms since the room's last document update (received, applied from elsewhere, or a server edit) */
  idleFor(): number
  /** the room wants to go dormant (it has been idle for idleMs); it calls sleep() from its storage queue */
  onIdle(): void
  /** told about every change between live and dormant (and `false` once when the room goes away dormant) */
  onDormant(dormant: boolean): void
  /** told each time a document is built from the bytes */
  onWake?(): void
  /** told about every change between away (on the room host) and not */
  onAway?(away: boolean): void
  /** told each time the document came home from the room host */
  onHome?(): void
  /** the room host failed with the document: the room must be reloaded from storage (nothing is lost: the log holds it) */
  onLost?(detail: string): void
}

/**
 * A room's document, live or dormant (server/roomDoc.ts), and what joiners get from it. A room
 * loaded from storage starts dormant: joiners are answered straight from the stored bytes and no
 * document is built until something needs one (the first edit, a server edit, a version, a
 * cluster update, or `wakeSoon`). A live document idle for `idleMs` goes back to sleep (the room
 * calls `sleep` from its storage queue). Bytes that turn out unreadable are reported through
 * `damage`: the room is quarantined with its stored bytes untouched.
 */
export class RoomCold {
  private readonly held: RoomDoc
  private readonly awaitingStep1 = new Set<Connection>()
  private wakeTimer: NodeJS.Timeout | undefined
  private idleTimer: NodeJS.Timeout | undefined
  /** build the document a second after a join (once per load: seeding that must read it, or always with idleMs 0) */
  private wakeAfterJoin: boolean
  private joined = false
  private readonly hydratedHooks: Array<() => void> = []
  /** what opts.onDormant was last told */
  private toldDormant = false

  constructor(
    stored: Uint8Array | null,
    private readonly state: RoomState,
    /** quarantines the room (the stored state could not be read or applied) */
    private readonly damage: (detail: string) => void,
    private readonly opts: RoomColdOptions,
  ) {
    this.held = new RoomDoc(stored, HydrateOrigin)
    this.wakeAfterJoin = opts.idleMs === 0
    if (this.held.dormant) this.setDormant(true)
    else this.armIdle()
  }

  /** True while the room holds its state as bytes only (no document). */
  get isCold(): boolean {
    return this.held.dormant
  }

  /** The live document, or null while dormant or away (does not wake the room). */
  get doc(): Y.Doc | null {
    return this.held.doc
  }

  /** True while the document is on the room host (roomAway.ts). */
  get isAway(): boolean {
    return this.held.isAway
  }

  /** The room host and the document's key there, while away. */
  get where(): { host: RoomHost; key: number } | null {
    return this.held.where
  }

  /** Times the document came home from the room host. */
  get homecomings(): number {
    return this.held.homecomings
  }

  /** Clocks of the live document or of the away one's mirror (null while dormant). */
  clocks(): DocClocks | null {
    return this.held.clocks()
  }

  /** The live document goes to the room host, which adopted it as `key` (call from the room's storage queue, inbox drained). */
  sendAway(host: RoomHost, key: number, vector: Uint8Array, pending: boolean): boolean {
    if (!this.held.doc || this.state.destroyed) return false
    this.held.sendAway(host, key, vector, pending)
    this.opts.onAway?.(true)
    return true
  }

  /**
   * Brings an away document home without waiting (asleep) for the room host's other work: its
   * state is encoded there and the document built here once it arrives (call from the room's
   * storage queue: no batch is applied meanwhile; anything that brings it home sooner wins).
   */
  async comeHome(): Promise<void> {
    const where = this.held.where
    if (!where) return
    const state = await where.host.encode(where.key)
    if (this.held.where !== where || this.state.destroyed) return
    if (!state.ok) return this.opts.onLost?.(state.detail)
    const home = this.held.homeWith(where, state.value)
    if (!home) return
    this.opts.onAway?.(false)
    if (!home.ok) return this.opts.onLost?.(home.detail)
    this.opts.onHome?.()
    this.armIdle()
  }

  /** The away document's state, as the room host answered after an apply. */
  mirror(vector: Uint8Array, pending: boolean): void {
    this.held.mirror(vector, pending)
  }

  /** Documents built from bytes so far (the first build of a stored room included). */
  get wakes(): number {
    return this.held.wakes
  }

  /** True while a joiner waits for our step 1 (it goes after the answer to its own). */
  get answering(): boolean {
    return this.awaitingStep1.size > 0
  }

  /** Our sync step 1 for a joiner: at once when the state vector is known, else after the answer to its step 1. */
  join(conn: Connection): void {
    const known = this.held.knownStateVector()
    if (known) conn.send(encodeSyncStep1(known))
    else this.awaitingStep1.add(conn)
    this.joined = true
    if (this.held.dormant && this.wakeAfterJoin) this.wakeTimer ??= setTimeout(() => this.hydrate(), 1_000).unref()
  }

  leave(conn: Connection): void {
    this.awaitingStep1.delete(conn)
  }

  /**
   * Asks for the document to be built a second after the next join (at once if someone is
   * here): for work that must read the stored document but should not delay the first answer.
   */
  wakeSoon(): void {
    if (!this.held.dormant || this.state.destroyed) return
    this.wakeAfterJoin = true
    if (this.joined) this.wakeTimer ??= setTimeout(() => this.hydrate(), 1_000).unref()
  }

  /**
   * Our step 1 to a joiner waiting for it, when its own step 1 arrives: `before` (sent ahead of
   * the answer) when the joiner has nothing — an empty state vector then asks it for everything
   * it has, which is nothing, and the room's own vector need not be read from the bytes (a
   * decode of the whole board); `after` (sent once the answer left) otherwise; null when it is
   * not waiting.
   */
  takeAwaiting(conn: Connection, joinerVector: Uint8Array): 'before' | 'after' | null {
    if (!this.awaitingStep1.delete(conn)) return null
    return isEmptyStateVector(joinerVector) ? 'before' : 'after'
  }

  /** Our step 1 carrying an empty state vector (see takeAwaiting). */
  sendEmptyStep1(conn: Connection): void {
    conn.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
  }

  /** Runs `fn` once the document holds the stored state (at once when it already does). */
  whenHydrated(fn: () => void): void {
    if (this.state.destroyed) return
    if (this.held.dormant && this.held.wakes === 0) this.hydratedHooks.push(fn)
    else fn()
  }

  /** Runs `hook` on every document built (and the live one now): listeners follow the room across sleeps. */
  eachDoc(hook: (doc: Y.Doc) => void): void {
    this.held.eachDoc(hook)
  }

  /**
   * While away: what a client with `stateVector` is missing, computed on the room host (it
   * answers in order with the batches posted before, so nothing applied before is missed and what
   * applies later is relayed); null when not away. Resolves null when the host failed (the room
   * is then reloaded).
   */
  diffAway(stateVector: Uint8Array): Promise<Uint8Array | null> | null {
    const where = this.held.where
    if (!where) return null
    return where.host.diff(where.key, stateVector).then((answer) => {
      if (answer.ok) return answer.value.diff
      this.opts.onLost?.(answer.detail)
      return null
    })
  }

  /** What a client with `stateVector` is missing. An empty client joining a dormant room gets the stored bytes as they are. */
  diffFor(stateVector: Uint8Array): Uint8Array | null {
    if (this.held.isAway) this.hydrate() // home from the room host (joins are answered there: diffAway)
    if (this.held.isAway || this.state.destroyed) return null
    const diff = this.held.diff(stateVector)
    if (diff.ok) return diff.value
    this.damage(diff.detail)
    return null
  }

  /**
   * Builds the document from the bytes, or brings it home from the room host (no-op when live);
   * our step 1 then goes to joiners still waiting for it.
   */
  hydrate(): void {
    if (this.held.doc || this.state.destroyed || this.state.damaged) return
    clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
    this.wakeAfterJoin = this.opts.idleMs === 0
    const first = this.held.wakes === 0
    const fromAway = this.held.isAway
    const woken = this.held.wake()
    if (fromAway) this.opts.onAway?.(false)
    if (fromAway && woken.ok) this.opts.onHome?.()
    if (!woken.ok) return woken.lost ? this.opts.onLost?.(woken.detail) : this.damage(woken.detail)
    this.setDormant(false)
    if (!fromAway) this.opts.onWake?.()
    if (this.awaitingStep1.size > 0) {
      const step1 = encodeSyncStep1(Y.encodeStateVector(woken.value))
      for (const c of this.awaitingStep1) c.send(step1)
      this.awaitingStep1.clear()
    }
    if (first) for (const fn of this.hydratedHooks.splice(0)) fn()
    this.armIdle()
  }

  /**
   * Puts the live document to sleep (call from the room's storage queue, after its inbox is
   * drained): `snapshot` is its full state when the room just wrote one, else it is encoded now
   * (by the room host, for a document that is away: it is not built here).
   * A document with structs Yjs holds back (waiting for something missing) stays live.
   */
  sleep(snapshot?: Uint8Array): boolean {
    const clocks = this.held.clocks()
    if (!clocks || clocks.pending || this.state.destroyed) return false
    clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    const fromAway = this.held.isAway
    const slept = this.held.sleep(snapshot)
    if (fromAway) this.opts.onAway?.(false)
    if (!slept.ok) {
      this.opts.onLost?.(slept.detail)
      return false
    }
    this.setDormant(true)
    return true
  }

  /** (Re)starts the idle clock of a live document: it checks again once idleMs may have passed. */
  armIdle(): void {
    const { idleMs } = this.opts
    if (idleMs <= 0 || this.idleTimer || this.held.dormant || this.state.destroyed) return
    const check = () => {
      this.idleTimer = undefined
      if (this.held.dormant || this.state.destroyed) return
      const left = idleMs - this.opts.idleFor()
      if (left > 0) this.idleTimer = setTimeout(check, left).unref()
      else this.opts.onIdle()
    }
    this.idleTimer = setTimeout(check, Math.max(0, idleMs - this.opts.idleFor())).unref()
  }

  /** Our step 1 to a joiner, once the answer to its own step 1 left. */
  sendStep1(conn: Connection): void {
    if (conn.closed || this.state.destroyed) return
    const vector = this.held.stateVector()
    if (!vector.ok) return this.damage(vector.detail)
    conn.send(encodeSyncStep1(vector.value))
  }

  /** Stops the timers and frees the document or bytes (the room is gone). */
  dispose(): void {
    clearTimeout(this.wakeTimer)
    clearTimeout(this.idleTimer)
    this.setDormant(false)
    if (this.held.isAway) this.opts.onAway?.(false)
    this.held.destroy()
  }

  private setDormant(dormant: boolean): void {
    if (dormant === this.toldDormant) return
    this.toldDormant = dormant
    this.opts.onDormant(dormant)
  }
}
