/**
 * Run by test/unit/server/stagedAppend.test.ts in a process of its own (`node --import tsx`): opens
 * the SQLite store in `dir`, writes the update in file `update` to room `r` staged (off the main
 * thread, in parts) and SIGKILLs itself at the point named by `mode`:
 * - `staging`: once the worker has written a part of it (not yet committed);
 * - `committed`: right after the commit.
 * Exits with code 3 if it got past its point without being killed.
 */
import { readFileSync } from 'node:fs'
import { SqliteStorage } from '../../server/storage/sqlite'

const [dir, file, mode] = process.argv.slice(2) as [string, string, 'staging' | 'committed']
const update = new Uint8Array(readFileSync(file))
const storage = new SqliteStorage(dir)
const parts = storage.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE room = 'r' AND part_of IS NOT NULL")
if (mode === 'staging') {
  setInterval(() => {
    if (parts.get()!.n > 0) process.kill(process.pid, 'SIGKILL')
  }, 1)
}
const { staged } = await storage.stageAppend('r', update)
if (staged === null) throw new Error('no worker')
storage.commitAppend('r', staged, update.length)
if (mode === 'committed') process.kill(process.pid, 'SIGKILL')
process.exit(3)
