import { existsSync } from 'node:fs'
import path from 'node:path'
import { openAuthorizer, viewerRoomsAuthorizer, type Authorizer } from './auth/Authorizer'
import { MAIN_HELP, SERVE_HELP, parseFlags, type ParsedFlags } from './config'
import { createLogger } from './log'
import { createTesseraServer } from './server'
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
 * Access control without --open: the place where capability-token checks plug in. Until they
 * exist it grants every connection the editor role, exactly like --open.
 */
export function securedAuthorizer(_flags: ParsedFlags): Authorizer {
  return openAuthorizer
}

/** The authorizer for the given flags and environment. */
export function authorizerFor(flags: ParsedFlags, env: Record<string, string | undefined>): Authorizer {
  const base = flags.open ? openAuthorizer : securedAuthorizer(flags)
  // Test-only (undocumented): make the listed rooms read-only to exercise the viewer rules.
  const viewerRooms = (env.TESSERA_TEST_VIEWER_ROOMS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  return viewerRooms.length > 0 ? viewerRoomsAuthorizer(new Set(viewerRooms), base) : base
}

async function serve(flags: ParsedFlags): Promise<void> {
  const log = createLogger({ debug: Boolean(flags.debug) })
  const dataDir = path.resolve(String(flags.data))
  const staticDir = flags['static-dir'] ? path.resolve(String(flags['static-dir'])) : path.join(PACKAGE_ROOT, 'dist')
  const storage = new SqliteStorage(dataDir)
  const server = createTesseraServer({
    host: String(flags.host),
    port: Number(flags.port),
    storage,
    authorizer: authorizerFor(flags, process.env),
    log,
    staticDir,
    maxMessageBytes: Number(flags['max-message-bytes']),
    unloadGraceMs: Number(flags['unload-grace-ms']),
  })
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
  if (!flags.open) log.warn('no token checks are configured yet: every client may edit (same as --open)')
  log.info({ host: address.host, port: address.port, data: dataDir, open: Boolean(flags.open) }, 'listening')
  process.stdout.write(`tessera listening on http://${address.host}:${address.port}\n`)

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
