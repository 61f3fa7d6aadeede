import { Room, type RoomOptions } from './room'
import type { Storage } from './storage/Storage'
import type { Metrics } from './metrics'
import type { Logger } from './log'
import { RoomDeleted, ServerShutdown, type CloseEvent } from './ws/closeCodes'
import { DamagedRoomError, isDamagedRoomError } from './storage/integrity'

export interface RoomsOptions {
  storage: Storage
  metrics: Metrics
  log: Logger
  /** keep an empty room in memory this long after its last connection left */
  unloadGraceMs: number
  compactAfterUpdates?: number
  compactAfterBytes?: number
  /** bounds of each room's inbox (see Room) */
  maxQueuedUpdates?: number
  maxQueuedBytes?: number
  /** largest stored size of one room (see Room) */
  maxRoomBytes?: number
  /** called after each unload (the server uses it to hint a garbage collection) */
  onUnloaded?: () => void
  /** a live document with no update for this long goes dormant (RoomOptions.idleDocMs) */
  idleDocMs?: number
  /** called when a room's document went dormant (the server hints a garbage collection) */
  onDormant?: () => void
  /** where busy rooms' documents may go, and past what apply CPU (RoomOptions.roomHost, awayApplyMs) */
  roomHost?: RoomOptions['roomHost']
  awayApplyMs?: number
  /** awaited before a room's stored state is read (a cluster marks where the room's stream stands first) */
  beforeLoad?: (name: string) => Promise<void>
  /** passed to every room (see RoomOptions): a cluster publishes stored updates and presence changes */
  onStored?: RoomOptions['onStored']
  onPresence?: RoomOptions['onPresence']
  /** called once per load with the new room, before its first user gets it (e.g. to seed metadata) */
  onLoaded?: (room: Room) => void
}

/**
 * The room registry. A room is loaded from storage by its first user (concurrent first users
 * share one load), held while anyone holds a reference, and unloaded — flushed to one snapshot,
 * document destroyed — once the last reference is released and the grace period passed.
 */
export class Rooms {
  private readonly loaded = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloading = new Map<string, Promise<void>>()
  /** performance.now() of the last document update in a room that has been unloaded since */
  private lastUnloadedUpdateAt = -Infinity
  /** performance.now() of the last acquire (a joiner, a REST read) */
  private lastAcquiredAt = -Infinity
  private readonly refs = new Map<string, number>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** rooms whose stored data failed verification (room → what failed), until the process restarts or the room is deleted */
  private readonly quarantined = new Map<string, string>()
  private readonly opts: RoomsOptions

  constructor(opts: RoomsOptions) {
    this.opts = opts
  }

  /** A loaded room, if any (does not load it). */
  get(name: string): Room | undefined {
    return this.loaded.get(name)
  }

  /** Every room currently in memory. */
  all(): Room[] {
    return [...this.loaded.values()]
  }

  /** Why the room is quarantined (its stored data failed verification), or null. */
  quarantineOf(name: string): string | null {
    return this.quarantined.get(name) ?? null
  }

  get size(): number {
    return this.loaded.size
  }

  /**
   * True while a room is loading, a dormant room is answering a joiner, someone joined a room in
   * the last `JOINING_MS` (2 s), or any room (loaded now or unloaded since) received a document
   * update in the last `ACTIVE_MS` (10 s). A forced full GC would stall relays and joins (after a
   * big room unloaded: 56–407 ms pauses, measured inside the cold joins of the bench that followed),
   * and shrinking the heap between bursts of edits only makes V8 grow it back
   * with extra collections (measured: 25% more CPU in the fan-out bench); an idle server still
   * gives its memory back.
   */
  busy(): boolean {
    if (this.loading.size > 0) return true
    const now = performance.now()
    if (now - this.lastAcquiredAt < JOINING_MS) return true
    if (now - this.lastUnloadedUpdateAt < ACTIVE_MS) return true
    for (const room of this.loaded.values()) {
      if (room.isAnswering()) return true
      if (now - room.lastUpdateAt < ACTIVE_MS) return true
    }
    return false
  }

  /** Loads (or shares) the room and takes a reference; pair every call with `release`. */
  async acquire(name: string): Promise<Room> {
    const damaged = this.quarantined.get(name)
    if (damaged !== undefined) throw new DamagedRoomError(name, damaged)
    this.lastAcquiredAt = performance.now()
    this.refs.set(name, (this.refs.get(name) ?? 0) + 1)
    const timer = this.timers.get(name)
    if (timer) {
      clearTimeout(timer)
      this.timers.delete(name)
    }
    try {
      return await this.load(name)
    } catch (err) {
      this.release(name)
      throw err
    }
  }

  /** Drops a reference; the last one schedules the unload. */
  release(name: string): void {
    const n = (this.refs.get(name) ?? 0) - 1
    if (n > 0) return void this.refs.set(name, n)
    this.refs.delete(name)
    if (this.timers.has(name)) return
    const timer = setTimeout(() => {
      this.timers.delete(name)
      if (!this.refs.has(name)) void this.unload(name)
    }, this.opts.unloadGraceMs)
    timer.unref()
    this.timers.set(name, timer)
  }

  /** Ends a room for good: closes its connections with `event` and deletes its stored data. */
  async deleteRoom(name: string, event: CloseEvent = RoomDeleted): Promise<void> {
    const room = this.loaded.get(name) ?? (await this.loading.get(name))
    room?.closeAll(event)
    await this.unloading.get(name)
    if (room && this.loaded.get(name) === room) {
      this.loaded.delete(name)
      this.opts.metrics.roomsLoaded.set(this.loaded.size)
      // no flush: a compaction or queued append after the delete below would bring the room back
      await room.abandon()
    }
    await this.opts.storage.delete(name)
    if (this.quarantined.delete(name)) this.opts.metrics.roomsQuarantined.set(this.quarantined.size)
  }

  /**
   * A room whose stored data failed verification: kept exactly as stored (never loaded, appended
   * to or compacted), logged, counted in /metrics, and refused to clients (4423) until the
   * process restarts with repaired data or the owner deletes the room.
   */
  private quarantine(name: string, detail: string): void {
    if (this.quarantined.has(name)) return
    this.quarantined.set(name, detail)
    this.opts.metrics.roomsQuarantined.set(this.quarantined.size)
    this.opts.log.error({ room: name, detail }, 'room quarantined: its stored data is damaged; kept as it is, not served')
  }

  /** Shutdown: closes every connection and flushes every loaded room to storage. */
  async closeAll(event: CloseEvent = ServerShutdown): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    this.opts.storage.shuttingDown?.()
    await Promise.allSettled([...this.loading.values()])
    for (const room of this.loaded.values()) room.closeAll(event)
    await Promise.allSettled([...this.unloading.values()])
    await Promise.allSettled([...this.loaded.keys()].map((name) => this.unload(name)))
  }

  private async load(name: string): Promise<Room> {
    const existing = this.loaded.get(name)
    if (existing) return existing
    const inFlight = this.loading.get(name)
    if (inFlight) return inFlight
    const promise = (async () => {
      await this.unloading.get(name)
      const { storage, metrics, log } = this.opts
      await this.opts.beforeLoad?.(name)
      let loaded: [Uint8Array | null, { updates: number; bytes: number }]
      try {
        loaded = await Promise.all([storage.load(name), storage.stats(name)])
      } catch (err) {
        if (isDamagedRoomError(err)) this.quarantine(name, err.detail)
        throw err
      }
      const [stored, stats] = loaded
      const room = new Room(name, {
        storage, metrics, log,
        compactAfterUpdates: this.opts.compactAfterUpdates ?? 500,
        compactAfterBytes: this.opts.compactAfterBytes ?? 4 * 1024 * 1024,
        stored, storedRows: stats.updates, storedBytes: stats.bytes,
        maxQueuedUpdates: this.opts.maxQueuedUpdates, maxQueuedBytes: this.opts.maxQueuedBytes, maxRoomBytes: this.opts.maxRoomBytes,
        onStored: this.opts.onStored, onPresence: this.opts.onPresence,
        idleDocMs: this.opts.idleDocMs, onDormant: this.opts.onDormant && (() => this.opts.onDormant!()),
        roomHost: this.opts.roomHost, awayApplyMs: this.opts.awayApplyMs,
        onPoisoned: (r) => {
          if (this.loaded.get(name) === r) void this.unload(name)
        },
        onDamaged: (r, detail) => {
          this.quarantine(name, detail)
          if (this.loaded.get(name) !== r) return
          // Out of the registry without a flush: the damaged bytes stay exactly as stored.
          this.loaded.delete(name)
          metrics.roomsLoaded.set(this.loaded.size)
          void r.abandon()
        },
      })
      this.loaded.set(name, room)
      this.opts.onLoaded?.(room)
      metrics.roomsLoaded.set(this.loaded.size)
      log.debug({ room: name, bytes: stored?.length ?? 0 }, 'room loaded')
      return room
    })()
    this.loading.set(name, promise)
    try {
      return await promise
    } finally {
      this.loading.delete(name)
    }
  }

  private unload(name: string): Promise<void> {
    const room = this.loaded.get(name)
    if (!room) return Promise.resolve()
    const pending = this.unloading.get(name)
    if (pending) return pending
    // Out of the map first: a new user now waits for this unload, then loads the flushed state.
    this.loaded.delete(name)
    this.lastUnloadedUpdateAt = Math.max(this.lastUnloadedUpdateAt, room.lastUpdateAt)
    this.opts.metrics.roomsLoaded.set(this.loaded.size)
    const promise = room
      .destroy()
      .then(() => {
        this.opts.metrics.roomsUnloaded.inc()
        this.opts.onUnloaded?.()
        this.opts.log.debug({ room: name }, 'room unloaded')
      })
      .catch((err: unknown) => this.opts.log.error({ room: name, err }, 'room unload failed'))
      .finally(() => this.unloading.delete(name))
    this.unloading.set(name, promise)
    return promise
  }
}

/** a room that received an update this recently counts as busy */
const ACTIVE_MS = 10_000
/** joins come in runs (a reconnect wave, a link shared in a meeting): this long after one, the next is likely */
const JOINING_MS = 2_000
