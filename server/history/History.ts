/**
 * The server's history (CONTRACT §7): versions of every loaded room at least every `intervalMs`
 * of editing and when it unloads, named versions, restore, replay reads, and the retention that
 * keeps storage bounded. Timing comes from the injected clock, so tests move time instead of
 * sleeping; a real timer only decides how often the clock is looked at.
 */
import * as Y from 'yjs'
import { restoreDoc } from '../../src/doc/restore'
import type { Logger } from '../log'
import { ServerOrigin, type Room } from '../room'
import type { Rooms } from '../rooms'
import type { HistoryUpdate, Storage, VersionInfo } from '../storage/Storage'
import { DEFAULT_RETENTION, versionsToDrop, type RetentionPolicy } from './retention'
import { editorNames, RoomSpan } from './RoomSpan'

export const DEFAULT_VERSION_INTERVAL_MS = 5 * 60_000
/** how often the clock is looked at for rooms whose span is due */
const TICK_MS = 15_000

export interface HistoryServiceOptions {
  storage: Storage
  rooms: Pick<Rooms, 'acquire' | 'release' | 'all'>
  log: Logger
  now?: () => number
  intervalMs?: number
  retention?: RetentionPolicy
}

export interface Replay {
  /** the version the replay starts from (null: an empty board) and its state */
  from: number | null
  base: Uint8Array | null
  /** the updates from `from` up to the last requested version, in order, with their times */
  updates: HistoryUpdate[]
  /** each version the replay passes: after `updates[0..index)` the board is that version */
  marks: ReplayMark[]
  /** false when part of the span's log is past retention (then only the end state is exact) */
  complete: boolean
}

export interface ReplayMark {
  id: number
  at: number
  index: number
}

/** no_version: `id` or `through` is not a version of the room; bad_range: `through` is older than `id` */
export type ReplayResult = { ok: true; replay: Replay } | { ok: false; code: 'no_version' | 'bad_range' }

export type RestoreResult = { ok: true; before: VersionInfo } | { ok: false; code: 'no_version' | 'unwritable' }

export class HistoryService {
  readonly now: () => number
  private readonly intervalMs: number
  private readonly retention: RetentionPolicy
  private readonly spans = new WeakMap<Room, RoomSpan>()
  private readonly saving = new WeakSet<Room>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly opts: HistoryServiceOptions) {
    this.now = opts.now ?? Date.now
    this.intervalMs = opts.intervalMs ?? DEFAULT_VERSION_INTERVAL_MS
    this.retention = opts.retention ?? DEFAULT_RETENTION
  }

  /** Follows a freshly loaded room (pass to the server's onRoomLoaded). */
  attach(room: Room): void {
    const span = new RoomSpan(this.now)
    this.spans.set(room, span)
    room.whenHydrated((r) => span.setBaseline(r.doc))
    room.attachHistory({
      edited: (conn) => {
        span.edited(editorNames(conn, room.awareness.getStates() as Map<number, Record<string, unknown>>))
        if (span.isDue(this.intervalMs)) setImmediate(() => void this.versionIfDue(room))
      },
      unloadVersion: (doc) => (span.dirty ? span.version(doc, null) : null),
    })
  }

  /** Starts looking at the clock every few seconds. */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), TICK_MS).unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Takes a version of every loaded room whose editing span is due. */
  async tick(): Promise<void> {
    await Promise.all(this.opts.rooms.all().map((room) => this.versionIfDue(room)))
  }

  async list(room: string): Promise<VersionInfo[]> {
    return this.opts.storage.listVersions(room)
  }

  async state(room: string, id: number): Promise<Uint8Array | null> {
    return this.opts.storage.loadVersion(room, id)
  }

  /** Names the current state: a version with `label` (null when the room cannot be written). */
  async name(roomName: string, label: string, by: string): Promise<VersionInfo | null> {
    return this.withRoom(roomName, (room) => this.save(room, label, [by]))
  }

  /**
   * Makes the live board look like version `id` in one server transaction. The state restored
   * over is kept as a version first.
   */
  async restore(roomName: string, id: number, by: string): Promise<RestoreResult> {
    const state = await this.opts.storage.loadVersion(roomName, id)
    if (!state) return { ok: false, code: 'no_version' }
    const target = new Y.Doc()
    Y.applyUpdate(target, state)
    try {
      return await this.withRoom(roomName, async (room) => {
        const before = await this.save(room, `Before restoring a version`, [by])
        if (!before) return { ok: false as const, code: 'unwritable' as const }
        await room.transact((doc) => restoreDoc(doc, target, ServerOrigin))
        this.spans.get(room)?.edited([by])
        this.opts.log.info({ room: roomName, version: id }, 'version restored')
        return { ok: true as const, before }
      })
    } finally {
      target.destroy()
    }
  }

  /**
   * The stored updates that lead from the version before `id` to `id`, and on through every later
   * version up to `through` (default: `id` alone), so a replay can run across several spans.
   * `marks` say where in `updates` each of those versions is reached.
   */
  async replay(room: string, id: number, through: number = id): Promise<ReplayResult> {
    const versions = await this.opts.storage.listVersions(room) // newest first
    const first = versions.findIndex((v) => v.id === id)
    const last = versions.findIndex((v) => v.id === through)
    if (first < 0 || last < 0) return { ok: false, code: 'no_version' }
    if (last > first) return { ok: false, code: 'bad_range' }
    const prev = versions[first + 1] ?? null
    const base = prev ? await this.opts.storage.loadVersion(room, prev.id) : null
    const updates: HistoryUpdate[] = []
    const marks: ReplayMark[] = []
    for (let k = first; k >= last; k--) {
      const v = versions[k]!
      updates.push(...(await this.opts.storage.loadHistory(room, versions[k + 1]?.id ?? null, v.id)))
      marks.push({ id: v.id, at: v.at, index: updates.length })
    }
    const complete = this.now() - (prev?.at ?? versions[first]!.at) < this.retention.logMs
    return { ok: true, replay: { from: prev?.id ?? null, base, updates, marks, complete } }
  }

  private async versionIfDue(room: Room): Promise<void> {
    const span = this.spans.get(room)
    if (!span?.isDue(this.intervalMs) || this.saving.has(room)) return
    await this.save(room, null, [])
  }

  private async save(room: Room, label: string | null, fallbackBy: string[]): Promise<VersionInfo | null> {
    const span = this.spans.get(room)
    if (!span) return null
    this.saving.add(room)
    try {
      const saved = await room.saveVersion((doc) => span.version(doc, label, fallbackBy))
      if (saved) await this.enforceRetention(room.name)
      return saved
    } catch (err) {
      this.opts.log.error({ room: room.name, err }, 'could not save a version')
      return null
    } finally {
      this.saving.delete(room)
    }
  }

  /** Drops the versions and log entries the retention policy no longer keeps. */
  private async enforceRetention(room: string): Promise<void> {
    const { storage } = this.opts
    const now = this.now()
    const drop = versionsToDrop(await storage.listVersions(room), now, this.retention)
    if (drop.length > 0) await storage.deleteVersions(room, drop)
    await storage.pruneHistory(room, now - this.retention.logMs)
  }

  private async withRoom<T>(name: string, fn: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.opts.rooms.acquire(name)
    try {
      return await fn(room)
    } finally {
      this.opts.rooms.release(name)
    }
  }
}
