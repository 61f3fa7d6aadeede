/**
 * Capability tokens (CONTRACT §6): a room, a role and an expiry, signed with HMAC-SHA256.
 *
 * Format: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256(secret, first part))`.
 * The payload is readable by anyone (the browser decodes it to show "View only"), so it holds
 * nothing secret; the signature is what grants access. The server keeps no copy of any token —
 * verification needs only the secret — and tokens must never be logged.
 *
 * Pure: no I/O, no clock (the caller passes `now`).
 */
import crypto from 'node:crypto'
import { isRole, type Role } from './roles'

export type { Role } from './roles'

/** Payload version; bump when the payload shape changes. */
export const TOKEN_VERSION = 1
/** Default lifetime of a token created without an explicit expiry: one year. */
export const DEFAULT_TOKEN_TTL_SECONDS = 365 * 24 * 60 * 60
/** Longer strings are refused before any decoding work (a real token is ~150 characters). */
export const MAX_TOKEN_LENGTH = 1024

export interface TokenClaims {
  v: typeof TOKEN_VERSION
  room: string
  role: Role
  /** expiry, seconds since the Unix epoch */
  exp: number
  /** issued at, seconds since the Unix epoch */
  iat: number
  /**
   * the room's token generation it was issued for (absent: 0). Revoking links with new tokens
   * (POST /api/rooms/:room/revoke `{ tokens: true }`) raises the room's generation; editor and
   * viewer tokens of an older one stop working. Owner tokens are never revoked this way.
   */
  g?: number
}

export type TokenErrorCode = 'malformed' | 'bad_signature' | 'expired' | 'wrong_room' | 'revoked'

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; code: TokenErrorCode }

const CLAIM_KEYS = new Set(['v', 'room', 'role', 'exp', 'iat', 'g'])
const isCount = (x: unknown, min: number): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= min

/**
 * The payload's shape, checked by hand (no schema library: verifying is on every connection's
 * path, and loading one cost the server megabytes at start): exactly the known keys, each of its type.
 */
function readClaims(json: unknown): TokenClaims | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
  const c = json as Record<string, unknown>
  for (const key of Object.keys(c)) if (!CLAIM_KEYS.has(key)) return null
  if (c.v !== TOKEN_VERSION) return null
  if (typeof c.room !== 'string' || c.room.length < 1 || c.room.length > 128) return null
  if (!isRole(c.role) || !isCount(c.exp, 0) || !isCount(c.iat, 0)) return null
  if (c.g !== undefined && !isCount(c.g, 1)) return null
  return c as unknown as TokenClaims
}

const BASE64URL = /^[A-Za-z0-9_-]+$/
const SIGNATURE_BYTES = 32

export interface SignOptions {
  room: string
  role: Role
  /** current time in ms (default Date.now()) */
  now?: number
  /** lifetime in seconds (default one year) */
  ttlSeconds?: number
  /** the room's token generation (default 0, left out of the payload) */
  generation?: number
}

/** Signs a token for `room` with `role`, valid for `ttlSeconds` from `now`. */
export function signToken(secret: Uint8Array, opts: SignOptions): string {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000)
  const claims: TokenClaims = {
    v: TOKEN_VERSION,
    room: opts.room,
    role: opts.role,
    exp: iat + (opts.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
    iat,
    ...(opts.generation ? { g: opts.generation } : {}),
  }
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')
  return `${payload}.${sign(secret, payload).toString('base64url')}`
}

export interface VerifyOptions {
  /** the room the token must name; omit to accept any room */
  room?: string
  /** current time in ms (default Date.now()) */
  now?: number
}

/**
 * Checks a token's signature, shape, expiry and room, in that order: nothing inside an
 * unsigned payload is trusted or even parsed.
 */
export function verifyToken(secret: Uint8Array, token: string, opts: VerifyOptions = {}): VerifyResult {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return fail('malformed')
  const parts = token.split('.')
  if (parts.length !== 2) return fail('malformed')
  const [payload, sig] = parts as [string, string]
  if (!BASE64URL.test(payload) || !BASE64URL.test(sig)) return fail('malformed')
  const given = Buffer.from(sig, 'base64url')
  if (given.length !== SIGNATURE_BYTES) return fail('malformed')
  // Constant-time comparison: the time taken must not reveal how many leading bytes matched.
  if (!crypto.timingSafeEqual(given, sign(secret, payload))) return fail('bad_signature')

  let json: unknown
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return fail('malformed')
  }
  const claims = readClaims(json)
  if (!claims) return fail('malformed')

  const nowSeconds = Math.floor((opts.now ?? Date.now()) / 1000)
  if (claims.exp <= nowSeconds) return fail('expired')
  if (opts.room !== undefined && claims.room !== opts.room) return fail('wrong_room')
  return { ok: true, claims }
}

/** Human-readable text for a verification failure (never includes the token). */
export function tokenErrorMessage(code: TokenErrorCode): string {
  switch (code) {
    case 'malformed':
      return 'the access token is malformed'
    case 'bad_signature':
      return 'the access token was not issued by this server'
    case 'expired':
      return 'the access token has expired'
    case 'wrong_room':
      return 'the access token is for another room'
    case 'revoked':
      return 'this link was revoked by the owner of the board'
  }
}

function sign(secret: Uint8Array, payload: string): Buffer {
  return crypto.createHmac('sha256', secret).update(payload, 'utf8').digest()
}

function fail(code: TokenErrorCode): VerifyResult {
  return { ok: false, code }
}
