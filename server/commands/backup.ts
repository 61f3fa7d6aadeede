import { existsSync } from 'node:fs'
import path from 'node:path'
import { CommandError, DATA_FLAG, HELP_FLAG, runCommand } from './args'
import { openReadOnly } from './dataFiles'

const USAGE = `Usage: tessera backup FILE [--data DIR]

Writes a consistent copy of DIR's database (every room, version, file and room record) to FILE
with SQLite's online backup API, while a server keeps running on DIR. FILE must not exist yet.
To restore: stop the server and put FILE in place of DIR/tessera.sqlite.`

/** `tessera backup FILE`: an online, consistent copy of the database. */
export function backupCommand(argv: string[]): Promise<void> {
  return runCommand('backup', USAGE, [DATA_FLAG, HELP_FLAG], argv, 1, async ([file], flags) => {
    const target = path.resolve(file!)
    if (existsSync(target)) throw new CommandError(`${target} already exists; choose a new file`)
    const db = openReadOnly(String(flags.data))
    try {
      const { totalPages } = await db.backup(target)
      process.stdout.write(`backed up ${totalPages} pages to ${target}\n`)
    } catch (err) {
      throw new CommandError(`backup failed: ${(err as Error).message}`)
    } finally {
      db.close()
    }
  })
}
