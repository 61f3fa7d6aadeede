import type pg from 'pg'

/**
 * PostgreSQL schema migrations, applied in order; `tessera_schema.version` records how many have
 * run. Every table is prefixed `tessera_` so the database may be shared with other applications.
 * Append new entries at the end — never edit or reorder a released one.
 */
export interface PgMigration {
  name: string
  sql: string
}

export const pgMigrations: PgMigration[] = [
  {
    name: 'updates log, rooms, history, versions, assets, settings',
    sql: `
      -- One row per accepted update; a compaction replaces a room's rows by one snapshot row.
      CREATE TABLE tessera_updates (
        id BIGSERIAL PRIMARY KEY,
        room TEXT NOT NULL,
        data BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        snapshot BOOLEAN NOT NULL DEFAULT false
      );
      CREATE INDEX tessera_updates_room_id ON tessera_updates (room, id);
      -- Room records of the REST API (title, access, timestamps); no tokens are stored.
      CREATE TABLE tessera_rooms (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        access TEXT NOT NULL DEFAULT 'private' CHECK (access IN ('private', 'view', 'edit')),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      -- The appended updates a compaction replaced, in order (CONTRACT §7).
      CREATE TABLE tessera_history (
        id BIGSERIAL PRIMARY KEY,
        room TEXT NOT NULL,
        data BYTEA NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX tessera_history_room_id ON tessera_history (room, id);
      CREATE TABLE tessera_versions (
        id BIGSERIAL PRIMARY KEY,
        room TEXT NOT NULL,
        at BIGINT NOT NULL,
        label TEXT,
        by TEXT NOT NULL,
        items INTEGER NOT NULL,
        changes TEXT NOT NULL,
        state BYTEA NOT NULL,
        -- the largest history id of the room when the version was saved: its span of the log ends there
        log_end BIGINT NOT NULL
      );
      CREATE INDEX tessera_versions_room_id ON tessera_versions (room, id);
      CREATE TABLE tessera_assets (
        room TEXT NOT NULL,
        hash TEXT NOT NULL,
        type TEXT NOT NULL,
        data BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (room, hash)
      );
      -- Values every instance must agree on (the generated token-signing secret).
      CREATE TABLE tessera_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    // Link secrets (CONTRACT §6): boards shared by link before them keep opening by code.
    name: 'link secrets',
    sql: `
      ALTER TABLE tessera_rooms ADD COLUMN code_access BOOLEAN NOT NULL DEFAULT false;
      ALTER TABLE tessera_rooms ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
      UPDATE tessera_rooms SET code_access = true WHERE access <> 'private';
    `,
  },
  {
    // Revocable editor and viewer tokens (POST /api/rooms/:room/revoke { tokens: true }).
    name: 'token generations',
    sql: 'ALTER TABLE tessera_rooms ADD COLUMN token_gen INTEGER NOT NULL DEFAULT 0;',
  },
]

/** advisory lock key held while migrating, so instances starting together migrate once */
const MIGRATION_LOCK = 0x7e55e4a

/**
 * Runs every migration newer than the recorded version, each in its own transaction, under an
 * advisory lock (several instances may start at once). Returns the schema version.
 */
export async function migratePg(pool: pg.Pool, list: PgMigration[] = pgMigrations): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await client.query('CREATE TABLE IF NOT EXISTS tessera_schema (version INTEGER NOT NULL)')
      const rows = (await client.query<{ version: number }>('SELECT version FROM tessera_schema')).rows
      if (rows.length === 0) await client.query('INSERT INTO tessera_schema (version) VALUES (0)')
      const current = rows[0]?.version ?? 0
      if (current > list.length) throw new Error(`database schema version ${current} is newer than this server (${list.length})`)
      for (let v = current; v < list.length; v++) {
        await client.query('BEGIN')
        try {
          await client.query(list[v]!.sql)
          await client.query('UPDATE tessera_schema SET version = $1', [v + 1])
          await client.query('COMMIT')
        } catch (err) {
          await client.query('ROLLBACK')
          throw err
        }
      }
      return list.length
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    client.release()
  }
}
