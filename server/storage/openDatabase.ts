/**
 * Opens the server's SQLite database with its settings and schema, or fails with a message a
 * person can act on (DatabaseStartError) instead of a stack trace: a 0-byte file (truncated: the
 * data is gone, so nothing starts silently on top of it), a file that is not a database or is
 * damaged, a schema from a newer Tessera. The database files are made readable by their owner
 * only (0600): they hold every board.
 */
import type DatabaseModule from 'better-sqlite3'
import type { Database as DB } from 'better-sqlite3'
import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { migrate, type Migration } from './migrations'
import { requireCjs } from '../requireCjs'

const Database = requireCjs('better-sqlite3') as typeof DatabaseModule

/** The database cannot be used; the message says why and what to do. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError'
}

/** the size a WAL file is cut back to when it starts over (SQLite's journal_size_limit) */
export const WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024

export function openDatabase(dataDir: string, file: string, list: Migration[]): DB {
  mkdirSync(dataDir, { recursive: true })
  const size = fileSize(file)
  if (size === 0) {
    throw new DatabaseStartError(
      `${file} is empty (0 bytes): it was truncated or replaced, and holds no boards. Restore it from a backup, or move it away to start with a new database`,
    )
  }
  let db: DB | null = null
  try {
    db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    db.pragma('wal_autocheckpoint = 0')
    // Whenever the WAL starts over after a checkpoint, a file grown past this is cut back to it
    // (issue 16, row 5: compactions of a large document left a WAL of their high-water mark).
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
    migrate(db, list)
  } catch (err) {
    db?.close()
    throw explain(file, err)
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) restrictMode(f)
  return db
}

function explain(file: string, err: unknown): Error {
  const code = (err as { code?: string }).code
  const message = (err as Error).message
  if (code === 'SQLITE_NOTADB') return new DatabaseStartError(`${file} is not a SQLite database (or its header is damaged); restore it from a backup or move it away`)
  if (code === 'SQLITE_CORRUPT') return new DatabaseStartError(`${file} is damaged (${message}); restore it from a backup or move it away`)
  if (/schema version \d+ is newer/.test(message)) return new DatabaseStartError(`${file}: ${message}; upgrade tessera to open it`)
  return new DatabaseStartError(`${file} could not be opened: ${message}`)
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size
  } catch {
    return null
  }
}

function restrictMode(file: string): void {
  try {
    chmodSync(file, 0o600)
  } catch {
    // a file that does not exist (no WAL yet) or a read-only mount: nothing to tighten
  }
}
