import * as Y from 'yjs'
import type { Storage } from './Storage'

/** Keeps rooms in process memory: for tests and for running without a data directory. */
export class MemoryStorage implements Storage {
  private readonly logs = new Map<string, Uint8Array[]>()

  async load(room: string): Promise<Uint8Array | null> {
    const log = this.logs.get(room)
    if (!log || log.length === 0) return null
    return log.length === 1 ? log[0]! : Y.mergeUpdates(log)
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    const log = this.logs.get(room) ?? []
    log.push(update.slice())
    this.logs.set(room, log)
  }

  async discard(room: string, update: Uint8Array): Promise<void> {
    const log = this.logs.get(room)
    if (log) this.logs.set(room, log.filter((u) => !sameBytes(u, update)))
  }

  async compact(room: string, snapshot: Uint8Array): Promise<void> {
    this.logs.set(room, [snapshot.slice()])
  }

  async delete(room: string): Promise<void> {
    this.logs.delete(room)
  }

  async stats(room: string): Promise<{ updates: number; bytes: number }> {
    const log = this.logs.get(room) ?? []
    return { updates: log.length, bytes: log.reduce((n, u) => n + u.length, 0) }
  }

  async close(): Promise<void> {
    this.logs.clear()
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
