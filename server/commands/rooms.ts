import { DATA_FLAG, HELP_FLAG, runCommand } from './args'
import { listRooms, openReadOnly } from './dataFiles'

const USAGE = `Usage: tessera rooms [--data DIR]

Lists the rooms stored in DIR, one per line: room, versions, stored bytes, last write (UTC), title.
Safe while a server runs on DIR (reads a consistent snapshot).`

/** `tessera rooms`: the rooms of a data directory. */
export function roomsCommand(argv: string[]): Promise<void> {
  return runCommand('rooms', USAGE, [DATA_FLAG, HELP_FLAG], argv, 0, async (_args, flags) => {
    const db = openReadOnly(String(flags.data))
    try {
      for (const r of listRooms(db)) {
        const at = r.updatedAt === null ? '-' : new Date(r.updatedAt).toISOString()
        process.stdout.write(`${r.room}\t${r.versions}\t${r.bytes}\t${at}\t${r.title}\n`)
      }
    } finally {
      db.close()
    }
  })
}
