import type pinoModule from 'pino'
import { requireCjs } from './requireCjs'

const pino = requireCjs('pino') as typeof pinoModule
import { redactSecrets } from './logRedact'

export type Logger = pinoModule.Logger

/**
 * Structured JSON logs on stderr; stdout is kept for the one human line `tessera listening on …`
 * that scripts wait for. Never pass tokens here (log URLs through `redactUrl`); as a second line
 * of defence every written line is scanned and anything token-shaped is redacted (logRedact.ts).
 */
export function createLogger(opts: { debug?: boolean; silent?: boolean } = {}): Logger {
  const out = pino.destination({ fd: 2, sync: true })
  return pino(
    { level: opts.silent ? 'silent' : opts.debug ? 'debug' : 'info', base: { service: 'tessera' } },
    { write: (line: string) => void out.write(redactSecrets(line)) },
  )
}
