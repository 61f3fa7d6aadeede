import type { RoomCold } from './roomCold'
import type { RoomIngest } from './roomIngest'
import type { RoomState } from './roomState'
import type { RoomStore } from './roomStore'

/** What putting a room's document to sleep reads and tells (the Room's parts). */
export interface DormancyParts {
  store: RoomStore
  state: RoomState
  ingest: RoomIngest
  cold: RoomCold
  /** RoomOptions.idleDocMs with its default */
  idleMs: number
  /** performance.now() of the room's last document update (read again after each await) */
  lastUpdateAt(): number
  /** the document went dormant */
  onDormant(): void
}

/**
 * The room has had no document update for its idle time: its document goes dormant, held as
 * one encoded update (written as the log's snapshot first when the log has more than one row,
 * so the bytes and the store agree). Runs in the storage queue after every update received so
 * far; a document that changed meanwhile, is poisoned, or holds structs Yjs is waiting on stays live.
 */
export function goDormant(r: DormancyParts): Promise<void> {
  return r.store.serial(async () => {
    if (!r.state.live || r.cold.isCold) return
    await r.ingest.drainInbox()
    if (r.cold.isAway) return asleepFromAway(r)
    const doc = r.cold.doc
    if (!doc || !r.state.live || performance.now() - r.lastUpdateAt() < r.idleMs) {
      return r.cold.armIdle()
    }
    const mark = r.lastUpdateAt()
    const snapshot = r.store.rows > 1 ? await r.store.compact(doc) : undefined
    // an update from another instance (or a server edit) arrived during the write: stay live
    if (r.lastUpdateAt() !== mark || r.cold.doc !== doc || !r.state.live) return r.cold.armIdle()
    if (r.cold.sleep(snapshot)) r.onDormant()
    else r.cold.armIdle()
  })
}

/**
 * The same for a document on the room host (roomAway.ts), without building it here: the log is
 * compacted off the main thread from itself, and that snapshot (or the state the room host
 * encodes) becomes the dormant bytes.
 */
async function asleepFromAway(r: DormancyParts): Promise<void> {
  if (performance.now() - r.lastUpdateAt() < r.idleMs) return r.cold.armIdle()
  const mark = r.lastUpdateAt()
  const snapshot = r.store.rows > 1 ? await r.store.compactFromLog() : null
  if (r.lastUpdateAt() !== mark || !r.cold.isAway || !r.state.live) return r.cold.armIdle()
  if (r.cold.sleep(snapshot ?? undefined)) r.onDormant()
  else r.cold.armIdle()
}
