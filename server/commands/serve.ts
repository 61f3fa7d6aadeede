import { SERVE_HELP, parseFlags, type ParsedFlags } from '../config'
import { createTesseraServer, type TesseraServer } from '../index'
import { optionsFromFlags } from '../options'
import { keepYoungGenerationSmall } from '../youngGeneration'

/** `tessera serve [flags]`: createTesseraServer with the flags as options, listening until SIGINT/SIGTERM. */
export async function serveCommand(argv: string[]): Promise<void> {
  const parsed = parseFlags(argv, process.env)
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

async function serve(flags: ParsedFlags): Promise<void> {
  // Test-only (undocumented): make the listed rooms read-only to exercise the viewer rules.
  const viewerRooms = (process.env.TESSERA_TEST_VIEWER_ROOMS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  let server: TesseraServer
  try {
    server = createTesseraServer({
      ...optionsFromFlags(flags),
      ...(viewerRooms.length > 0 ? { testViewerRooms: viewerRooms } : {}),
      // Test-only (undocumented): a clock tests move forward instead of sleeping.
      ...(process.env.TESSERA_TEST_CLOCK === '1' ? { testClock: true } : {}),
    })
  } catch (err) {
    process.stderr.write(`tessera: ${(err as Error).message}\n`)
    process.exitCode = 1
    return
  }
  const { log } = server
  let address: { host: string; port: number }
  try {
    address = await server.listen()
  } catch (err) {
    log.error({ err }, 'could not listen')
    await server.close()
    process.stderr.write(`tessera: could not listen on ${String(flags.host)}:${String(flags.port)}: ${(err as Error).message}\n`)
    process.exitCode = 1
    return
  }
  // once started: scavenges stay short beside a busy room (youngGeneration.ts)
  keepYoungGenerationSmall()
  process.stdout.write(`tessera listening on ${server.secure ? 'https' : 'http'}://${address.host}:${address.port}\n`)

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

