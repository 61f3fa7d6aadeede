/**
 * Staged compactions (SQLite): a compaction's big rows are written beside the live log by the
 * snapshot worker's own connection, in short transactions, while they are invisible; one small
 * transaction on the main connection then makes them the room's state. Before, the compaction's
 * whole write (the snapshot row, the history copy of the replaced updates, deleting them) was one
 * transaction on the main thread: 200–550 ms for a 16–24 MB board, during which no room stored or
 * relayed anything (every room shares the connection).
 *
 * Bookkeeping, all in small rows:
 * - `compactions` has one row per staged compaction: `done = 0` while it is being written (its rows
 *   are invisible), `done = 1` once committed (the log entries it replaced, `id <= up_to`, are
 *   invisible and are deleted in short transactions afterwards, then the row goes).
 * - rows it writes carry `part_of` = its id: in `updates` the snapshot, cut into parts of at most
 *   PART_BYTES; in `history` the updates it moved there (a large one cut the same way); for a
 *   version, in `version_parts` its state. `more = 1` on every part but the last of one blob:
 *   readers join them (`joinParts`).
 *
 * A process killed at any point leaves the room as before the commit (`done = 0`: its rows stay
 * invisible and are removed at the next start) or as after it (`done = 1`: the replaced entries
 * stay invisible and are deleted at the next start); never both, never neither.
 */
import type { Database } from 'better-sqlite3'

/** the largest part a staged compaction writes, and about the most one of its transactions writes */
export const PART_BYTES = 256 * 1024

export function migrateStagedCompactions(db: Database): void {
  db.exec(`
    CREATE TABLE compactions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      up_to INTEGER NOT NULL,
      done INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX compactions_room ON compactions (room, done);
    ALTER TABLE updates ADD COLUMN part_of INTEGER;
    ALTER TABLE updates ADD COLUMN more INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX updates_part_of ON updates (part_of) WHERE part_of IS NOT NULL;
    ALTER TABLE history ADD COLUMN part_of INTEGER;
    ALTER TABLE history ADD COLUMN more INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX history_part_of ON history (part_of) WHERE part_of IS NOT NULL;
  `)
}

/**
 * A version saved the same way: its state is staged in `version_parts` (cut like a snapshot) and
 * the version row, written by the commit, is small and names them in `state_parts`.
 */
export function migrateStagedVersions(db: Database): void {
  db.exec(`
    CREATE TABLE version_parts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      part_of INTEGER NOT NULL,
      data BLOB NOT NULL,
      more INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX version_parts_part_of ON version_parts (part_of);
    ALTER TABLE versions ADD COLUMN state_parts INTEGER;
  `)
}

/** rows of a compaction still being written are invisible (in `updates` and in `history`) */
export const NOT_STAGING = '(part_of IS NULL OR part_of NOT IN (SELECT id FROM compactions WHERE done = 0))'

/**
 * The room's visible log entries in `updates` (bind `@room`): not replaced by a committed
 * compaction whose replaced rows are still being deleted, not part of one still being written.
 */
export const VISIBLE_LOG = `room = @room AND id > (SELECT coalesce(max(up_to), 0) FROM compactions WHERE room = @room AND done = 1) AND ${NOT_STAGING}`

export interface PartRow {
  data: Uint8Array
  part_of: number | null
  more: number
}

/** A version's staged parts in order (bind the `state_parts` its row names). */
export const SELECT_VERSION_PARTS = 'SELECT data, part_of, more FROM version_parts WHERE part_of = ? ORDER BY id'

/** A version's state from its parts (rows of SELECT_VERSION_PARTS), or null when a part is missing. */
export function joinVersionState(parts: readonly PartRow[]): Uint8Array | null {
  const joined = joinParts(parts)
  return joined.entries.length === 1 && joined.incomplete === 0 ? joined.entries[0]!.data : null
}

/**
 * Rows in id order with the parts of each cut blob joined (in order) into one entry, placed where
 * its last part is; every other row as it is. `first` is the blob's first row (its metadata).
 * A blob whose last part is missing is not returned (`incomplete` counts them).
 */
export function joinParts<R extends PartRow>(rows: readonly R[]): { entries: Array<{ row: R; data: Uint8Array }>; incomplete: number } {
  const entries: Array<{ row: R; data: Uint8Array }> = []
  const open = new Map<number, R[]>()
  for (const r of rows) {
    if (r.part_of === null || (r.more === 0 && !open.has(r.part_of))) {
      entries.push({ row: r, data: r.data })
      continue
    }
    const parts = open.get(r.part_of) ?? []
    parts.push(r)
    if (r.more !== 0) {
      open.set(r.part_of, parts)
      continue
    }
    open.delete(r.part_of)
    entries.push({ row: parts[0]!, data: concat(parts.map((p) => p.data)) })
  }
  return { entries, incomplete: open.size }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * Removes what compactions left behind when the process ended (call at start, before anything
 * else uses the database): the rows of a compaction never committed, the replaced entries of one
 * committed. Each compaction in one transaction (its rows with its bookkeeping row).
 */
export function cleanStagedCompactions(db: Database): number {
  const left = db.prepare<[], { id: number; room: string; up_to: number; done: number }>('SELECT id, room, up_to, done FROM compactions ORDER BY id').all()
  const dropParts = db.prepare<[number]>('DELETE FROM updates WHERE part_of = ?')
  const dropHistory = db.prepare<[number]>('DELETE FROM history WHERE part_of = ?')
  const dropVersionParts = db.prepare<[number]>('DELETE FROM version_parts WHERE part_of = ?')
  const dropReplaced = db.prepare<[string, number]>('DELETE FROM updates WHERE room = ? AND id <= ?')
  const dropRecord = db.prepare<[number]>('DELETE FROM compactions WHERE id = ?')
  for (const c of left) {
    db.transaction(() => {
      if (c.done === 0) {
        dropParts.run(c.id)
        dropHistory.run(c.id)
        dropVersionParts.run(c.id)
      } else {
        dropReplaced.run(c.room, c.up_to)
      }
      dropRecord.run(c.id)
    })()
  }
  return left.length
}
