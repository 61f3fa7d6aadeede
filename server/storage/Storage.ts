/**
 * Durable storage of room documents as an append-only log of Yjs updates per room, compacted
 * from time to time into one snapshot update, plus each room's history (versions and the updates
 * between them, CONTRACT §7) and its files (assets). Every method may be asynchronous so that
 * network databases fit behind the same interface; callers serialise calls per room.
 *
 * History model: a compaction does not throw the replaced updates away, it moves them (every
 * appended update, never an earlier snapshot) to the room's history log, in order, each with the
 * time it was appended. `saveVersion` is a compaction that also records a version: the snapshot
 * is the version's state and every update moved to the history log so far belongs to the spans
 * up to it. So the updates between two versions are exactly what `loadHistory` returns for them,
 * and replaying them onto the earlier version's state gives the later one.
 */
export interface Storage {
  /** The room's whole state as one Yjs update, or null when nothing is stored. */
  load(room: string): Promise<Uint8Array | null>
  /** Appends one (already validated) update; resolves once it is durable. */
  append(room: string, update: Uint8Array): Promise<void>
  /**
   * Optional synchronous append of several updates in order, in one transaction, for stores that
   * are synchronous anyway (SQLite through better-sqlite3): all durable when it returns, none on
   * failure (throws). Lets a room append, apply and relay one event-loop turn's updates in one tick.
   */
  appendSync?(room: string, updates: readonly Uint8Array[]): void
  /**
   * Optional asynchronous append of several updates in order, in one transaction (network
   * databases: one round trip and one commit for a room's waiting updates): all durable when it
   * resolves, none when it rejects.
   */
  appendBatch?(room: string, updates: readonly Uint8Array[]): Promise<void>
  /**
   * Optional, with `commitAppend`: writes one big update beside the room's log off the main thread
   * (SQLite: in parts, by a worker thread), invisible until committed. Call it from the room's
   * serial queue (nothing of the room is appended meanwhile). `lend`: the memory behind `update`
   * (its whole buffer) is handed to the thread and back, not copied: it is detached meanwhile, and
   * `update` in the answer is its new view. `staged` is the staged write's id, or null when this
   * store has no thread for it or writing failed (nothing visible: append it as usual). Rejects
   * only when lent bytes were lost with the thread.
   */
  stageAppend?(room: string, update: Uint8Array, lend?: boolean): Promise<{ staged: number | null; update: Uint8Array }>
  /**
   * Makes a staged update (`stageAppend`) the last entry of the room's log, durable, in one small
   * synchronous transaction; throws (changing nothing) when the staged write is gone.
   */
  commitAppend?(room: string, staged: number, bytes: number): void
  /**
   * Removes the log entries holding exactly these bytes: an update that was stored (updates are
   * durable before they are applied) and then turned out not to apply. Nothing else is touched.
   */
  discard(room: string, update: Uint8Array): Promise<void>
  /**
   * Atomically replaces the room's log by one snapshot update (which must contain every appended
   * update); the appended updates it replaces move to the room's history log in the same transaction.
   */
  compact(room: string, snapshot: Uint8Array): Promise<void>
  /**
   * Optional: the room's stored log as one snapshot update, built off the main thread (SQLite: a
   * worker thread reading through its own connection). Call it from the room's serial queue, so
   * nothing is appended meanwhile. Null when this store has no thread for it, rejects when building
   * failed: the caller encodes the document instead.
   */
  snapshotOffThread?(room: string): Promise<Uint8Array | null>
  /**
   * Optional, with `commitCompaction` and `finishCompaction`: a compaction of the room's log as it is
   * stored now, built and written off the main thread while the room goes on appending (updates
   * appended meanwhile stay in the log after it). What it wrote stays invisible until committed.
   * `version`: the snapshot is also staged as a version's state (see `commitVersion`); `bytes`: the
   * snapshot's bytes come back too. Null when this store has no thread for it; rejects when
   * building or writing failed (nothing visible changed).
   */
  stageCompaction?(room: string, opts?: { version?: boolean; bytes?: boolean }): Promise<StagedCompaction | null>
  /**
   * Makes a staged compaction the room's state in one small transaction: its snapshot replaces the
   * log entries up to `upTo` (and only those), the appended updates among them are in the history
   * log. Rejects (changing nothing) when the staged compaction is gone.
   */
  commitCompaction?(staged: StagedCompaction): Promise<void>
  /**
   * `commitCompaction` that also records a version whose state is the snapshot (staged with
   * `{ version: true }`), in the same small transaction; call it only when the compaction covers
   * the whole log (nothing was appended since it was staged).
   */
  commitVersion?(staged: StagedCompaction, version: NewVersion): Promise<VersionInfo>
  /**
   * After `commitCompaction`: deletes the replaced entries; without it: deletes what was staged.
   * Off the main thread, in short transactions. Call it once per staged compaction.
   */
  finishCompaction?(staged: StagedCompaction): Promise<void>
  /**
   * Optional: the server is shutting down; from now on compactions and versions are written by the
   * calling thread (nothing else is served any more, and a low-priority worker is the slowest way
   * to finish on a loaded machine).
   */
  shuttingDown?(): void
  /** `compact`, and in the same transaction records a version whose state is `snapshot`. */
  saveVersion(room: string, snapshot: Uint8Array, version: NewVersion): Promise<VersionInfo>
  /** The room's versions, newest first. */
  listVersions(room: string): Promise<VersionInfo[]>
  /** A version's state as one Yjs update, or null when the room has no such version. */
  loadVersion(room: string, id: number): Promise<Uint8Array | null>
  /**
   * The history log in order: the updates moved there after version `after` was saved (null: from
   * the oldest kept) up to and including those saved with version `until` (null: all so far).
   */
  loadHistory(room: string, after: number | null, until: number | null): Promise<HistoryUpdate[]>
  /** Removes these versions of the room (retention); the history log is not touched. */
  deleteVersions(room: string, ids: readonly number[]): Promise<void>
  /** Removes the room's history log entries appended before `before` (ms since the epoch). */
  pruneHistory(room: string, before: number): Promise<void>
  /** Stores a file with the room unless the room already has one with this hash (deduplication). */
  putAsset(room: string, asset: Asset): Promise<void>
  /** A file stored with the room, or null. */
  loadAsset(room: string, hash: string): Promise<Asset | null>
  /** Number and total bytes of the files stored with every room (for /metrics). */
  assetTotals(): Promise<{ count: number; bytes: number }>
  /** Names of the rooms that have anything stored, sorted. */
  listRooms(): Promise<string[]>
  /** Removes everything stored for the room: its log, versions, history and files. */
  delete(room: string): Promise<void>
  /** Number of log entries and bytes stored for the room (drives compaction). */
  stats(room: string): Promise<{ updates: number; bytes: number }>
  /** Flushes and releases resources; no call may follow. */
  close(): Promise<void>
}

/** What a new version records (see VersionInfo). */
export interface NewVersion {
  /** when it was taken, ms since the Unix epoch */
  at: number
  /** a name given by a user, or null for automatic versions */
  label: string | null
  /** who edited in the span that ends with this version: awareness names, else token roles */
  by: string[]
  /** number of items on the board at this version */
  items: number
  /** items changed in the span, per person (attribution; `updatedBy` of the items when present) */
  changes: Record<string, number>
}

/** One kept version of a room. Ids grow with time (a later version has a larger id). */
export interface VersionInfo extends NewVersion {
  id: number
}

/** One update of the history log. */
export interface HistoryUpdate {
  /** when it was appended, ms since the Unix epoch */
  at: number
  data: Uint8Array
}

/** A file stored with a room. */
export interface Asset {
  /** lower-case hex SHA-256 of `data` */
  hash: string
  /** MIME type, e.g. image/png */
  type: string
  data: Uint8Array
}

/** A compaction written beside a room's log, not yet visible (see `Storage.stageCompaction`). */
export interface StagedCompaction {
  room: string
  /** the store's id for it */
  staged: number
  /** the last log entry it covers */
  upTo: number
  /** how many log entries, and how many bytes of them, it replaces */
  rows: number
  bytes: number
  /** the size of its snapshot */
  snapshotBytes: number
  /** the snapshot itself, when staged with `{ bytes: true }` */
  snapshot?: Uint8Array
}
