import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { viewerRoomsAuthorizer, type Authorizer } from './auth/Authorizer'
import { loadAuthSecret } from './auth/secret'
import { createRoomsStore } from './api/roomsStore'
import { MAIN_HELP, SERVE_HELP, parseFlags, type ParsedFlags } from './config'
import { createLogger } from './log'
import { createTesseraServer } from './server'
import { mountHistory } from './history/mount'
import { createSharing, type Sharing } from './sharing'
import { SqliteStorage } from './storage/sqlite'

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '..')

/** Entry point of `tessera …` (bin/tessera.js) and `npm start` (scripts/start.mjs). */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(MAIN_HELP)
    if (command === undefined) process.exitCode = 1
    return
  }
  if (command !== 'serve') {
    process.stderr.write(`tessera: unknown command "${command}"\n\n${MAIN_HELP}`)
    process.exitCode = 2
    return
  }
  const parsed = parseFlags(rest, process.env)
  if (!parsed.ok) {
    process.stderr.write(`tessera serve: ${parsed.message}\n\n${SERVE_HELP}`)
    process.exitCode = 2
    return
  }
  if (parsed.flags.help) {
    process.stdout.write(SERVE_HELP)
    return
  }
  await serve(parsed.flags)
}

/**
 * Access control: without --open, capability tokens checked against the room's access setting
 * (server/auth/tokenAuthorizer.ts); with --open, everyone edits every room.
 */
export function securedAuthorizer(sharing: Sharing): Authorizer {
  return sharing.authorizer
}

/** The authorizer for the given sharing wiring and environment. */
export function authorizerFor(sharing: Sharing, env: Record<string, string | undefined>): Authorizer {
  const base = securedAuthorizer(sharing)
  // Test-only (undocumented): make the listed rooms read-only to exercise the viewer rules.
  const viewerRooms = (env.TESSERA_TEST_VIEWER_ROOMS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  return viewerRooms.length > 0 ? viewerRoomsAuthorizer(new Set(viewerRooms), base) : base
}

async function serve(flags: ParsedFlags): Promise<void> {
  const log = createLogger({ debug: Boolean(flags.debug) })
  const dataDir = path.resolve(String(flags.data))
  const staticDir = flags['static-dir'] ? path.resolve(String(flags['static-dir'])) : path.join(PACKAGE_ROOT, 'dist')
  let tls: { cert: Buffer; key: Buffer } | undefined
  try {
    tls = flags['tls-cert'] ? { cert: readFileSync(String(flags['tls-cert'])), key: readFileSync(String(flags['tls-key'])) } : undefined
  } catch (err) {
    process.stderr.write(`tessera: could not read the TLS certificate or key: ${(err as Error).message}\n`)
    process.exitCode = 1
    return
  }
  const storage = new SqliteStorage(dataDir)
  // The secret itself is never logged; only where it came from.
  const secret = loadAuthSecret({ option: flags['auth-secret'] ? String(flags['auth-secret']) : null, env: process.env, dataDir })
  const hasData = storage.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM updates WHERE room = ? LIMIT 1')
  const sharing = createSharing({
    store: createRoomsStore(storage.db),
    secret: secret.secret,
    open: Boolean(flags.open),
    log,
    roomHasData: async (room) => hasData.get(room) !== undefined,
  })
  const authorizer = authorizerFor(sharing, process.env)
  const server = createTesseraServer({
    host: String(flags.host),
    port: Number(flags.port),
    storage,
    authorizer,
    onRoomLoaded: sharing.onRoomLoaded,
    tls,
    log,
    staticDir,
    maxMessageBytes: Number(flags['max-message-bytes']),
    unloadGraceMs: Number(flags['unload-grace-ms']),
    maxQueuedUpdates: Number(flags['max-queued-updates']),
    pingIntervalMs: Number(flags['ping-interval-ms']),
    maxBufferedBytes: flags['max-buffered-bytes'] === undefined ? undefined : Number(flags['max-buffered-bytes']),
  })
  // before the rooms API, which answers every other /api/rooms/… path
  mountHistory(server, { storage, authorizer, log, maxAssetBytes: Number(flags['max-asset-bytes']) })
  sharing.mount(server)
  let address: { host: string; port: number }
  try {
    address = await server.listen()
  } catch (err) {
    log.error({ err }, 'could not listen')
    await storage.close()
    process.stderr.write(`tessera: could not listen on ${String(flags.host)}:${String(flags.port)}: ${(err as Error).message}\n`)
    process.exitCode = 1
    return
  }
  if (!existsSync(path.join(staticDir, 'index.html'))) log.warn({ staticDir }, 'web app not built (run `npm run build`); serving sync only')
  const scheme = tls ? 'https' : 'http'
  log.info({ host: address.host, port: address.port, data: dataDir, open: Boolean(flags.open), tls: Boolean(tls), authSecret: secret.source }, 'listening')
  process.stdout.write(`tessera listening on ${scheme}://${address.host}:${address.port}\n`)

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    // Hard deadline: the contract promises exit within 5 s.
    setTimeout(() => {
      log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 4_500).unref()
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
