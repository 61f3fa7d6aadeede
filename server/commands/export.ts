import * as Y from 'yjs'
import { exportScene } from '../../src/doc/sceneJson'
import { CommandError, DATA_FLAG, HELP_FLAG, runCommand } from './args'
import { liveState, openReadOnly, versionState } from './dataFiles'

const USAGE = `Usage: tessera export ROOM [--at ISO | --version ID] [--data DIR]

Prints the board as tessera-scene JSON on stdout: as it is now, as it was at a time (the newest
version taken at or before --at, e.g. 2026-06-01T12:00:00Z), or at a version id (from
GET /api/rooms/ROOM/versions). Safe while a server runs on DIR. Exit 1: unknown room or version.`

const SPECS = [
  DATA_FLAG,
  { name: 'at', kind: 'string' as const, arg: 'ISO', help: 'the board as it was at this time' },
  { name: 'version', kind: 'int' as const, arg: 'ID', help: 'the board at this version' },
  HELP_FLAG,
]

/** `tessera export ROOM`: a board (now or in the past) as JSON. */
export function exportCommand(argv: string[]): Promise<void> {
  return runCommand('export', USAGE, SPECS, argv, 1, async ([room], flags) => {
    if (flags.at !== undefined && flags.version !== undefined) throw new CommandError('use --at or --version, not both', 2)
    let at: number | null = null
    if (flags.at !== undefined) {
      at = Date.parse(String(flags.at))
      if (Number.isNaN(at)) throw new CommandError(`--at: not a date and time: ${String(flags.at)} (e.g. 2026-06-01T12:00:00Z)`, 2)
    }
    const db = openReadOnly(String(flags.data))
    let state: Uint8Array | null
    try {
      if (flags.version !== undefined) {
        state = versionState(db, room!, { id: Number(flags.version) })?.state ?? null
        if (!state) throw new CommandError(`room ${room} has no version ${String(flags.version)}`)
      } else if (at !== null) {
        state = versionState(db, room!, { at })?.state ?? null
        if (!state) throw new CommandError(`room ${room} has no version at or before ${new Date(at).toISOString()}`)
      } else {
        state = liveState(db, room!)
        if (!state) throw new CommandError(`no room named ${room}`)
      }
    } finally {
      db.close()
    }
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    process.stdout.write(`${JSON.stringify(exportScene(doc), null, 2)}\n`)
    doc.destroy()
  })
}
