/** Values read back from database rows, the same for the SQLite and the PostgreSQL backend. */
import type { VersionInfo } from './Storage'

/** A row of the versions table as both backends select it (`by` and `changes` are JSON text). */
export interface VersionRow {
  id: number
  at: number
  label: string | null
  by: string
  items: number
  changes: string
}

/** The version a row describes; unreadable JSON in `by` or `changes` reads as empty. */
export function versionFromRow(r: VersionRow): VersionInfo {
  return { id: r.id, at: r.at, label: r.label, by: parseJson(r.by, []), items: r.items, changes: parseJson(r.changes, {}) }
}

/** A database driver's Buffer as a Uint8Array over the same memory. */
export function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
