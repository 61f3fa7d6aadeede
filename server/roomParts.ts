import type * as Y from 'yjs'
import type { Connection } from './ws/connection'
import type { Room } from './room'
import { RoomStore } from './roomStore'
import { RoomPresence } from './roomPresence'
import { RoomCostGuard } from './limits/RoomCostGuard'
import type { RoomState } from './roomState'
import { RoomOutput } from './roomOutput'
import { RoomCold } from './roomCold'
import { RoomApply } from './roomApply'
import { HOLD_AFTER_MS, RoomIngest } from './roomIngest'
import { RoomReceiver } from './roomReceive'
import { DEFAULT_IDLE_DOC_MS, type RoomHistoryHooks, type RoomOptions } from './roomOptions'
import { RoomAwayLink } from './roomAway'
import { threadCpuMs } from './threadCpu'

/** What the parts ask of their room. */
export interface RoomSelf {
  room: Room
  state: RoomState
  connections: Set<Connection>
  /** the awareness's own document (empty, never edited) */
  presenceDoc: Y.Doc
  /** ms since the last document update received */
  idleFor(): number
  /** a client update was accepted now */
  touched(): void
  goDormant(): void
  damage(detail: string): void
  readyToWrite(stayAway: boolean): boolean
  history(): RoomHistoryHooks | null
}

export interface RoomParts {
  cold: RoomCold
  store: RoomStore
  out: RoomOutput
  presence: RoomPresence
  guard: RoomCostGuard
  applier: RoomApply
  away: RoomAwayLink
  ingest: RoomIngest
  receiver: RoomReceiver
}

/** Builds a room's parts and wires them to each other (see the Room class comment for what each does). */
export function buildRoomParts(name: string, opts: RoomOptions, self: RoomSelf): RoomParts {
  const { metrics, log } = opts
  const { room, state } = self
  const cold = new RoomCold(opts.stored, state, (detail) => self.damage(detail), {
    idleMs: opts.idleDocMs ?? DEFAULT_IDLE_DOC_MS,
    idleFor: self.idleFor,
    onIdle: () => self.goDormant(),
    onDormant: (dormant) => (dormant ? metrics.roomsDormant.inc() : metrics.roomsDormant.dec()),
    onWake: () => metrics.roomWakes.inc(),
    onAway: (away) => (away ? metrics.roomsAway.inc() : metrics.roomsAway.dec()),
    onHome: () => metrics.roomHomecomings.inc(),
    onLost: (detail) => applier.lost(detail),
  })
  const store = new RoomStore({
    room: name,
    storage: opts.storage,
    metrics,
    log,
    compactAfterUpdates: opts.compactAfterUpdates,
    compactAfterBytes: opts.compactAfterBytes,
    rows: opts.storedRows,
    bytes: opts.storedBytes,
    document: () => (state.live ? cold.doc : null),
    away: () => state.live && cold.isAway,
  })
  const out = new RoomOutput(name, self.connections, metrics, log)
  // No 'update' listener on the document: with one, Yjs re-encodes every applied update. A
  // client's update is relayed as the frame it arrived in; server edits are captured in transact().
  // Presence never needs the board: its awareness has a document of its own (empty, never edited).
  const presence = new RoomPresence(self.presenceDoc, (frameFor) => out.deliver(frameFor), opts.onPresence && ((u) => opts.onPresence!(room, u)))
  const guard = new RoomCostGuard(() => cold.clocks(), (conn, reason) => out.overBudget(conn, reason))
  const applier = new RoomApply({
    name, doc: () => cold.doc, state, store, out, metrics, log, hydrate: () => cold.hydrate(),
    onPoisoned: () => opts.onPoisoned?.(room),
  })
  const edited = (conn: Connection) => self.history()?.edited(conn)
  const stored = (updates: Uint8Array[]) => opts.onStored?.(room, updates)
  const away = new RoomAwayLink({
    host: opts.roomHost, applyMs: opts.awayApplyMs, room: name, log, metrics,
    cold, state, store, guard, out, applier, ingest: () => ingest,
    edited, stored,
  })
  const ingest: RoomIngest = new RoomIngest({
    name, state, store, guard, out, log, metrics,
    maxQueuedUpdates: opts.maxQueuedUpdates,
    maxQueuedBytes: opts.maxQueuedBytes,
    maxRoomBytes: opts.maxRoomBytes,
    readyToWrite: () => self.readyToWrite(true),
    apply: (conn, update) => applier.applyAccepted(conn, update),
    edited, stored,
    isAway: () => cold.isAway,
    // wall time there (the host shares the CPU): a few frames before the senders are held
    applyAway: (batch, hold) => away.apply(batch, hold, 4 * HOLD_AFTER_MS),
    spent: opts.roomHost && opts.awayApplyMs ? { clock: threadCpuMs, spent: (ms) => away.spent(ms) } : undefined,
  })
  const receiver = new RoomReceiver({
    metrics, guard, cold, presence, out,
    accept: (conn, update, relay, summary, trial) => {
      if (state.destroyed || conn.closedByServer) return
      self.touched()
      ingest.accept(conn, update, relay, summary, trial)
    },
  })
  return { cold, store, out, presence, guard, applier, away, ingest, receiver }
}
