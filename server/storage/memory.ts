import * as Y from 'yjs'
import type { Asset, HistoryUpdate, NewVersion, Storage, VersionInfo } from './Storage'

interface LogEntry {
  data: Uint8Array
  at: number
  /** a compaction's snapshot (not moved to the history log by the next compaction) */
  snapshot: boolean
}

interface RoomData {
  log: LogEntry[]
  history: Array<HistoryUpdate & { seq: number }>
  versions: Array<{ info: VersionInfo; state: Uint8Array; logEnd: number }>
  assets: Map<string, Asset>
}

/** Keeps rooms in process memory: for tests and for running without a data directory. */
export class MemoryStorage implements Storage {
  private readonly rooms = new Map<string, RoomData>()
  private seq = 0
  private versionSeq = 0

  constructor(private readonly now: () => number = Date.now) {}

  async load(room: string): Promise<Uint8Array | null> {
    const log = this.rooms.get(room)?.log
    if (!log || log.length === 0) return null
    return log.length === 1 ? log[0]!.data : Y.mergeUpdates(log.map((e) => e.data))
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.room(room).log.push({ data: update.slice(), at: this.now(), snapshot: false })
  }

  async discard(room: string, update: Uint8Array): Promise<void> {
    const data = this.rooms.get(room)
    if (data) data.log = data.log.filter((e) => !sameBytes(e.data, update))
  }

  async compact(room: string, snapshot: Uint8Array): Promise<void> {
    const data = this.room(room)
    for (const e of data.log) if (!e.snapshot) data.history.push({ seq: ++this.seq, at: e.at, data: e.data })
    data.log = [{ data: snapshot.slice(), at: this.now(), snapshot: true }]
  }

  async saveVersion(room: string, snapshot: Uint8Array, version: NewVersion): Promise<VersionInfo> {
    await this.compact(room, snapshot)
    const info: VersionInfo = { ...version, by: [...version.by], changes: { ...version.changes }, id: ++this.versionSeq }
    this.room(room).versions.push({ info, state: snapshot.slice(), logEnd: this.seq })
    return info
  }

  async listVersions(room: string): Promise<VersionInfo[]> {
    const versions = this.rooms.get(room)?.versions ?? []
    return versions.map((v) => v.info).reverse()
  }

  async loadVersion(room: string, id: number): Promise<Uint8Array | null> {
    return this.rooms.get(room)?.versions.find((v) => v.info.id === id)?.state ?? null
  }

  async loadHistory(room: string, after: number | null, until: number | null): Promise<HistoryUpdate[]> {
    const data = this.rooms.get(room)
    if (!data) return []
    const end = (id: number | null) => (id === null ? null : (data.versions.find((v) => v.info.id === id)?.logEnd ?? null))
    const from = after === null ? 0 : end(after)
    const to = until === null ? Infinity : end(until)
    if (from === null || to === null) return []
    return data.history.filter((h) => h.seq > from && h.seq <= to).map(({ at, data: d }) => ({ at, data: d }))
  }

  async deleteVersions(room: string, ids: readonly number[]): Promise<void> {
    const data = this.rooms.get(room)
    if (!data) return
    const gone = new Set(ids)
    data.versions = data.versions.filter((v) => !gone.has(v.info.id))
  }

  async pruneHistory(room: string, before: number): Promise<void> {
    const data = this.rooms.get(room)
    if (data) data.history = data.history.filter((h) => h.at >= before)
  }

  async putAsset(room: string, asset: Asset): Promise<void> {
    const assets = this.room(room).assets
    if (!assets.has(asset.hash)) assets.set(asset.hash, { ...asset, data: asset.data.slice() })
  }

  async loadAsset(room: string, hash: string): Promise<Asset | null> {
    return this.rooms.get(room)?.assets.get(hash) ?? null
  }

  async assetTotals(): Promise<{ count: number; bytes: number }> {
    let count = 0
    let bytes = 0
    for (const r of this.rooms.values()) for (const a of r.assets.values()) (count++, (bytes += a.data.length))
    return { count, bytes }
  }

  async listRooms(): Promise<string[]> {
    const names: string[] = []
    for (const [name, r] of this.rooms) {
      if (r.log.length + r.history.length + r.versions.length + r.assets.size > 0) names.push(name)
    }
    return names.sort()
  }

  async delete(room: string): Promise<void> {
    this.rooms.delete(room)
  }

  async stats(room: string): Promise<{ updates: number; bytes: number }> {
    const log = this.rooms.get(room)?.log ?? []
    return { updates: log.length, bytes: log.reduce((n, e) => n + e.data.length, 0) }
  }

  async close(): Promise<void> {
    this.rooms.clear()
  }

  private room(room: string): RoomData {
    let data = this.rooms.get(room)
    if (!data) this.rooms.set(room, (data = { log: [], history: [], versions: [], assets: new Map() }))
    return data
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
