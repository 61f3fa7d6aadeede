import { loadAuthSecret } from '../auth/secret'
import { isRole } from '../auth/roles'
import { signToken } from '../auth/tokens'
import { parseRoomName } from '../roomName'
import { CommandError, DATA_FLAG, HELP_FLAG, runCommand } from './args'
import { tokenGeneration } from './dataFiles'
import type { FlagSpec } from '../config'

const USAGE = `Usage: tessera token ROOM [--role owner|editor|viewer] [--days N] [--data DIR]

Prints a capability token for ROOM signed with the server's secret (--auth-secret /
TESSERA_AUTH_SECRET, else DIR/auth-secret): to get back into a board whose links are lost, or, with
\`serve --create-rooms token\`, an owner token that lets its holder create rooms
(\`Authorization: Bearer <token>\` on POST /api/rooms). Editor and viewer tokens are made for the
room's current token generation read from DIR, so they work after the owner revoked tokens
(a cluster on PostgreSQL: use the REST revoke instead). Keep it secret: it grants ROOM's role.`

const FLAGS: FlagSpec[] = [
  DATA_FLAG,
  { name: 'auth-secret', kind: 'string', env: 'TESSERA_AUTH_SECRET', arg: 'S', help: 'the secret the server signs with (default: DIR/auth-secret)' },
  { name: 'role', kind: 'string', default: 'owner', arg: 'ROLE', help: 'owner, editor or viewer' },
  { name: 'days', kind: 'int', default: 365, arg: 'N', help: 'days until the token expires' },
  HELP_FLAG,
]

/** `tessera token ROOM`: a signed token for a room, from the command line. */
export function tokenCommand(argv: string[]): Promise<void> {
  return runCommand('token', USAGE, FLAGS, argv, 1, async ([room], flags) => {
    const parsed = parseRoomName(room!)
    if (!parsed.ok) throw new CommandError(`invalid room name: ${parsed.message}`, 2)
    const role = String(flags.role)
    if (!isRole(role)) throw new CommandError(`--role must be owner, editor or viewer, got ${role}`, 2)
    const days = Number(flags.days)
    if (days < 1) throw new CommandError('--days must be at least 1', 2)
    const authSecret = flags['auth-secret'] === undefined ? null : String(flags['auth-secret'])
    const { secret } = loadAuthSecret({ option: authSecret, dataDir: String(flags.data) })
    const generation = tokenGeneration(String(flags.data), parsed.room)
    process.stdout.write(`${signToken(secret, { room: parsed.room, role, ttlSeconds: days * 24 * 60 * 60, generation })}\n`)
  })
}
