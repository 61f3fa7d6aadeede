import pino from 'pino'

export type Logger = pino.Logger

/**
 * Structured JSON logs on stderr; stdout is kept for the one human line `tessera listening on …`
 * that scripts wait for. Never pass tokens here: log URLs through `redactUrl`.
 */
export function createLogger(opts: { debug?: boolean; silent?: boolean } = {}): Logger {
  return pino(
    { level: opts.silent ? 'silent' : opts.debug ? 'debug' : 'info', base: { service: 'tessera' } },
    pino.destination({ fd: 2, sync: true }),
  )
}
