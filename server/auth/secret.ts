/**
 * The server's token-signing secret (CONTRACT §6): `--auth-secret`, else `TESSERA_AUTH_SECRET`,
 * else 32 random bytes generated on first start and kept in `<dataDir>/auth-secret` (mode 0600)
 * so tokens stay valid across restarts. Deleting that file invalidates every issued token.
 */
import crypto from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const SECRET_FILE = 'auth-secret'
export const ENV_SECRET = 'TESSERA_AUTH_SECRET'
const GENERATED_BYTES = 32
/** A shorter given secret is refused: anyone could guess it and sign an owner token for every room. */
export const MIN_SECRET_BYTES = 16

/** A given secret is too short (or the secret file is unusable); the message says what to do. */
export class AuthSecretError extends Error {
  override readonly name = 'AuthSecretError'
}

function given(value: string, source: 'option' | 'env'): AuthSecret {
  const secret = Buffer.from(value, 'utf8')
  if (secret.length < MIN_SECRET_BYTES) {
    const where = source === 'option' ? '--auth-secret' : ENV_SECRET
    throw new AuthSecretError(`${where} must be at least ${MIN_SECRET_BYTES} bytes (got ${secret.length}); e.g. \`openssl rand -hex 32\``)
  }
  return { secret, source }
}

export type SecretSource = 'option' | 'env' | 'file' | 'generated'

export interface AuthSecret {
  secret: Buffer
  source: SecretSource
  /** where the secret lives when it came from (or went to) the data dir */
  file?: string
}

export interface LoadSecretOptions {
  /** value of --auth-secret, if given */
  option?: string | null
  /** environment to read TESSERA_AUTH_SECRET from (default process.env) */
  env?: Record<string, string | undefined>
  /** the data directory (created if missing) */
  dataDir: string
}

/** Resolves the signing secret; see the module comment for the order. Never logs the secret. */
export function loadAuthSecret(opts: LoadSecretOptions): AuthSecret {
  if (opts.option) return given(opts.option, 'option')
  const fromEnv = (opts.env ?? process.env)[ENV_SECRET]
  if (fromEnv) return given(fromEnv, 'env')

  const file = path.join(opts.dataDir, SECRET_FILE)
  const existing = readSecretFile(file)
  if (existing) return { secret: existing, source: 'file', file }

  mkdirSync(opts.dataDir, { recursive: true })
  const secret = crypto.randomBytes(GENERATED_BYTES)
  try {
    // 'wx': never overwrite — if two processes start on one data dir at once, the loser reads
    // the winner's secret instead of silently invalidating the tokens it issues.
    writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readSecretFile(file)
      if (raced) return { secret: raced, source: 'file', file }
    }
    throw err
  }
  return { secret, source: 'generated', file }
}

function readSecretFile(file: string): Buffer | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  const hex = text.trim()
  if (!/^[0-9a-f]{64,}$/i.test(hex) || hex.length % 2 !== 0) {
    throw new AuthSecretError(`${file} does not hold a hex secret; remove it to generate a new one (this invalidates issued tokens)`)
  }
  // Tighten permissions that were loosened by hand (e.g. a copy); the secret grants every room.
  try {
    chmodSync(file, 0o600)
  } catch {
    // read-only data dirs are fine as long as the file is readable
  }
  return Buffer.from(hex, 'hex')
}
