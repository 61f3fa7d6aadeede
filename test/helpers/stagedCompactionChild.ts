/**
 * Run by test/unit/server/stagedCompaction.test.ts in a process of its own (`node --import tsx`):
 * opens the SQLite store in `dir` and compacts room `r` the way a room does, and SIGKILLs itself at
 * the point named by `mode`, so the test can reopen the files a killed server leaves behind:
 * - `staging`: once the worker has written a part of the staged snapshot (not yet committed);
 * - `version`: the same for a version, once a part of its state is written;
 * - `committed`: right after the commit, before the replaced entries are deleted;
 * - `finishing`: once some of the replaced entries are deleted, before the compaction's record is.
 * Exits with code 3 if it got past its point without being killed.
 */
import { SqliteStorage } from '../../server/storage/sqlite'

const [dir, mode] = process.argv.slice(2) as [string, 'staging' | 'version' | 'committed' | 'finishing']
const storage = new SqliteStorage(dir)
const count = (sql: string) => (storage.db.prepare(sql).get() as { n: number }).n
const rowsBefore = count("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")
const killWhen = (ready: () => boolean) =>
  setInterval(() => {
    if (ready()) process.kill(process.pid, 'SIGKILL')
  }, 1)

if (mode === 'staging') killWhen(() => count('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL') > 0)
if (mode === 'version') killWhen(() => count('SELECT COUNT(*) AS n FROM version_parts') > 0)
const staged = await storage.stageCompaction('r', { version: mode === 'version' })
if (!staged) throw new Error('no worker')
await storage.commitCompaction(staged)
if (mode === 'committed') process.kill(process.pid, 'SIGKILL')
// the snapshot's parts are rows of the room too: fewer rows than before means replaced ones went
if (mode === 'finishing') killWhen(() => count("SELECT COUNT(*) AS n FROM updates WHERE room = 'r' AND part_of IS NULL") < rowsBefore && count('SELECT COUNT(*) AS n FROM compactions') > 0)
await storage.finishCompaction(staged)
process.exit(3)
