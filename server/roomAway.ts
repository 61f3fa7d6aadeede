/**
 * A busy room's document on the room host (roomHost.ts): when it goes, and how its updates are
 * applied while it is there (the *away* state of roomDoc.ts).
 *
 * A room whose updates cost more Yjs CPU on the main thread than `--offload-apply-ms` a second
 * (beyond a second's burst) sends its document to the room host, from its storage queue with the
 * inbox drained, as a dormant room goes to sleep: the snapshot worker builds the state from the
 * stored log (which holds every applied update: they are durable before they are applied), the
 * room host builds the document from it, and the main thread destroys its own — with that room's
 * heap. From then on each batch is appended on the main thread as before, then posted to the host;
 * the room's queue waits for the answer (other rooms go on), and the main thread relays the
 * updates that applied, in order. An update that threw there takes the poison path of
 * roomApply.ts; a host that failed loses nothing (the room is reloaded from storage).
 *
 * Whatever else needs the document (a joiner's answer, a server edit, a version, dormancy,
 * `Room.doc`) brings it home first (RoomCold.hydrate, roomHost.ts `take`), and it goes away
 * again once it passes the threshold again.
 */
import type { Logger } from './log'
import type { Metrics } from './metrics'
import type { Connection } from './ws/connection'
import { sendBatch } from './ws/sendBatch'
import { TokenBucket } from './limits/TokenBucket'
import type { RoomCostGuard } from './limits/RoomCostGuard'
import type { RoomHost } from './roomHost'
import type { RoomCold } from './roomCold'
import type { RoomState } from './roomState'
import type { RoomStore } from './roomStore'
import type { RoomIngest } from './roomIngest'
import type { RoomApply } from './roomApply'
import type { RoomOutput } from './roomOutput'
import type { Inbound } from './roomInbox'
import { hasPending } from './docPending'

/** How much Yjs CPU a room spends on the main thread, against the threshold of going away. */
export class AwayTrigger {
  private readonly bucket: TokenBucket

  /** `msPerSecond`: apply CPU per second (beyond a second's worth) past which the room goes away */
  constructor(msPerSecond: number) {
    this.bucket = new TokenBucket(msPerSecond, msPerSecond)
  }

  /** Charges `ms` of apply CPU; true when the room is now over the threshold. */
  spent(ms: number): boolean {
    this.bucket.charge(ms)
    return this.bucket.balance < 0
  }
}

export interface GoAwayParts {
  host: RoomHost
  store: RoomStore
  state: RoomState
  ingest: RoomIngest
  cold: RoomCold
  log: Logger
  room: string
  /** bumped by every change made to the live document outside the room's queue (server edits, remote updates) */
  edits(): number
}

/** Sends the room's live document to the room host (see above); nothing happens when something changed it meanwhile. */
export function goAway(r: GoAwayParts): Promise<void> {
  return r.store.serial(async () => {
    if (!r.state.live || !r.cold.doc) return
    await r.ingest.drainInbox()
    const doc = r.cold.doc
    if (!doc || !r.state.live || hasPending(doc)) return
    const mark = r.edits()
    const unchanged = () => r.edits() === mark && r.cold.doc === doc && r.state.live
    const state = await r.store.snapshotFromLog()
    if (!state || !unchanged()) return
    const key = r.host.newKey()
    const adopted = await r.host.adopt(key, state)
    if (!adopted.ok) return void r.log.warn({ room: r.room, detail: adopted.detail }, 'the room host could not take the document; it stays here')
    if (!unchanged() || !r.cold.sendAway(r.host, key, adopted.value.vector, adopted.value.pending)) r.host.drop(key)
  })
}

export interface AwayApplyParts {
  cold: RoomCold
  state: RoomState
  guard: RoomCostGuard
  out: RoomOutput
  applier: RoomApply
  metrics: Metrics
  /** an update of `conn` was applied and relayed (history follows edits) */
  edited(conn: Connection): void
  /** the updates of one batch that were stored and applied */
  stored(updates: Uint8Array[]): void
  /** client updates changed these keys of the `meta` map (its guard rewrites them: roomMeta.ts) */
  metaChanged(keys: ReadonlySet<string>): void
}

/**
 * Applies a durable batch on the room host and relays what applied, in order. `hold` is called if
 * the answer takes longer than `holdAfterMs` (the senders are then not read until the room is done).
 */
export async function applyAway(r: AwayApplyParts, batch: Inbound[], hold: () => void, holdAfterMs: number): Promise<void> {
  const where = r.cold.where
  if (!where || batch.length === 0) return
  const timer = setTimeout(hold, holdAfterMs)
  r.metrics.roomHostInFlight.inc()
  const answer = await where.host.apply(where.key, batch.map((e) => e.update)).finally(() => {
    clearTimeout(timer)
    r.metrics.roomHostInFlight.dec()
  })
  if (!r.state.live) return
  if (!answer.ok) return r.applier.lost(answer.detail)
  const a = answer.value
  r.cold.mirror(a.vector, a.pending)
  const applied: Uint8Array[] = []
  sendBatch(() => {
    for (let i = 0; i < a.applied; i++) {
      const { conn, update, relay } = batch[i]!
      r.guard.charge(conn, a.times[i] ?? 0)
      r.metrics.updateApplySeconds.observe((a.times[i] ?? 0) / 1000)
      r.out.broadcast(relay, null)
      r.edited(conn)
      applied.push(update)
    }
  })
  if (a.threw) {
    const bad = batch[a.applied]!
    r.guard.charge(bad.conn, a.times[a.applied] ?? 0)
    r.applier.threw(bad.conn, bad.update, a.hadPending)
  }
  r.guard.afterBatch()
  if (applied.length > 0) r.stored(applied)
  if (a.metaKeys.length > 0) r.metaChanged(new Set(a.metaKeys))
}

export interface RoomAwayParts extends Omit<AwayApplyParts, 'metaChanged'>, Omit<GoAwayParts, 'host' | 'edits' | 'ingest'> {
  /** where the document may go (null or undefined: never) */
  host: RoomHost | null | undefined
  /** RoomOptions.awayApplyMs (0 or undefined: never) */
  applyMs: number | undefined
  ingest(): RoomIngest
}

/** A room's side of the away state: the trigger, the applies, and who hears of `meta` changes made there. */
export class RoomAwayLink {
  private readonly trigger: AwayTrigger | null
  private sending = false
  /** changes made to the live document outside the storage queue (server edits, remote updates) */
  private edits = 0
  private readonly metaHooks: Array<(keys: ReadonlySet<string>) => void> = []
  private readonly applyParts: AwayApplyParts

  constructor(private readonly p: RoomAwayParts) {
    this.trigger = p.host && p.applyMs ? new AwayTrigger(p.applyMs) : null
    this.applyParts = { ...p, metaChanged: (keys) => this.metaHooks.forEach((hook) => hook(keys)) }
  }

  /** The live document was changed outside the room's queue (a send-off under way is dropped). */
  changedOutside(): void {
    this.edits++
  }

  /** Runs `hook` with the keys of the `meta` map that client updates applied on the room host changed. */
  whileAway(hook: (metaKeys: ReadonlySet<string>) => void): void {
    this.metaHooks.push(hook)
  }

  /** Applies a durable batch on the room host (see applyAway). */
  apply(batch: Inbound[], hold: () => void, holdAfterMs: number): Promise<void> {
    return applyAway(this.applyParts, batch, hold, holdAfterMs)
  }

  /** Main-thread Yjs CPU of a slice of updates: past the threshold, the document goes to the room host. */
  spent(ms: number): void {
    const { host } = this.p
    if (!host || !this.trigger?.spent(ms) || this.sending || !this.p.cold.doc || !this.p.state.live) return
    this.sending = true
    void goAway({ ...this.p, host, ingest: this.p.ingest(), edits: () => this.edits }).finally(() => (this.sending = false))
  }
}
