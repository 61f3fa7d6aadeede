/**
 * An exclusive lock on a data directory: two servers on one SQLite database would each compact
 * away the other's rows. `DIR/tessera.lock` holds the owner's pid and host; it is created with
 * O_EXCL, and a lock whose process is gone (kill -9, a crash) is taken over. A second server —
 * another process or another server in this process — is refused with DataDirLockedError.
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const LOCK_FILE = 'tessera.lock'

/** Another server holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError'
}

export interface DataDirLock {
  readonly file: string
  release(): void
}

/** directories locked by servers of this process */
const lockedHere = new Set<string>()

/** Takes the data directory's lock or throws DataDirLockedError naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(path.resolve(dataDir), LOCK_FILE)
  if (lockedHere.has(file)) throw locked(dataDir, { pid: process.pid, host: os.hostname() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }) + '\n')
      closeSync(fd)
      lockedHere.add(file)
      let released = false
      return {
        file,
        release() {
          if (released) return
          released = true
          lockedHere.delete(file)
          try {
            if (readHolder(file)?.pid === process.pid) unlinkSync(file)
          } catch {
            // already gone
          }
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const holder = readHolder(file)
    if (holder && isAlive(holder)) throw locked(dataDir, holder)
    // The holder is gone without releasing it (kill -9, a crash, a reboot): take the lock over.
    try {
      unlinkSync(file)
    } catch {
      // someone else took it over first; the next attempt decides
    }
  }
  throw locked(dataDir, readHolder(file) ?? { pid: 0, host: 'unknown' })
}

interface Holder {
  pid: number
  host: string
}

function readHolder(file: string): Holder | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host } : null
  } catch {
    return null
  }
}

function isAlive(holder: Holder): boolean {
  // A lock from another machine (a shared disk) cannot be checked: it counts as held.
  if (holder.host !== os.hostname()) return true
  if (holder.pid === process.pid) return false
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function locked(dataDir: string, holder: Holder): DataDirLockedError {
  return new DataDirLockedError(
    `the data directory ${dataDir} is in use by another tessera server (pid ${holder.pid} on ${holder.host}); ` +
      `stop it first, or use another --data (remove ${path.join(dataDir, LOCK_FILE)} only if no server is running)`,
  )
}
