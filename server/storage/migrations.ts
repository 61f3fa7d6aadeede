import type { Database } from 'better-sqlite3'
import { migrateLinkSecrets, migrateRooms, migrateTokenGenerations } from '../api/roomsStore'
import { migrateHistory } from './sqliteHistory'
import { migrateStagedCompactions, migrateStagedVersions } from './stagedCompaction'

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Append new entries at the end — never edit or reorder a released one.
 */
export type Migration = { name: string; up: (db: Database) => void }

export const migrations: Migration[] = [
  {
    name: 'updates log',
    up: (db) => {
      // One row per accepted update; a compaction replaces a room's rows by one snapshot row.
      db.exec(`
        CREATE TABLE updates (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          room TEXT NOT NULL,
          data BLOB NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX updates_room_id ON updates (room, id);
      `)
    },
  },
  // Room records of the REST API (title, access, timestamps); no tokens are stored.
  { name: 'rooms', up: migrateRooms },
  // Versions, the history log between them and files stored with rooms (CONTRACT §7).
  { name: 'history', up: migrateHistory },
  // A CRC-32 of each row's bytes, verified on load (server/storage/integrity.ts); older rows have none.
  { name: 'update checksums', up: (db) => db.exec('ALTER TABLE updates ADD COLUMN crc INTEGER') },
  // Link secrets and code access of the rooms table (CONTRACT §6; see migrateLinkSecrets).
  { name: 'link secrets', up: migrateLinkSecrets },
  // Revocable editor and viewer tokens (a generation per room; see server/auth/tokens.ts `g`).
  { name: 'token generations', up: migrateTokenGenerations },
  // Compactions written beside the log off the main thread, then committed by one small row (stagedCompaction.ts).
  { name: 'staged compactions', up: migrateStagedCompactions },
  // A version's state staged the same way, named by its row (stagedCompaction.ts).
  { name: 'staged versions', up: migrateStagedVersions },
]

/** Runs every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Database, list: Migration[] = migrations): number {
  const current = Number(db.pragma('user_version', { simple: true }))
  if (current > list.length) {
    throw new Error(`database schema version ${current} is newer than this server (${list.length})`)
  }
  for (let v = current; v < list.length; v++) {
    const step = list[v]!
    db.transaction(() => {
      step.up(db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return list.length
}
