/**
 * Link secrets (CONTRACT §6): "anyone with the link" means anyone holding the room's current
 * link secret, not anyone who knows (or guesses) the short room code.
 *
 * A link secret is derived, not stored: `ls-` + base64url(HMAC-SHA256(signing secret,
 * `link:<room>:<nonce>`)), where `nonce` is a random value kept with the room's record ('' for
 * rooms from before link secrets). The database therefore holds nothing that opens a board —
 * only the nonce, useless without the signing secret — and the owner can read the current link
 * again at any time. Revoking draws a new nonce, so every earlier link secret stops matching.
 *
 * Pure apart from randomness: no I/O, no clock.
 */
import crypto from 'node:crypto'

export const LINK_SECRET_PREFIX = 'ls-'
const SHAPE = /^ls-[A-Za-z0-9_-]{43}$/

/** The room's current link secret for its nonce. */
export function linkSecretFor(secret: Uint8Array, room: string, nonce: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`link:${room}:${nonce}`, 'utf8').digest()
  return LINK_SECRET_PREFIX + mac.toString('base64url')
}

/** Whether a presented credential is meant as a link secret (as opposed to a signed token). */
export function isLinkSecretShaped(value: string): boolean {
  return value.startsWith(LINK_SECRET_PREFIX)
}

/** Constant-time check of a presented link secret against the room's current one. */
export function linkSecretMatches(secret: Uint8Array, room: string, nonce: string, presented: string): boolean {
  if (!SHAPE.test(presented)) return false
  const expected = Buffer.from(linkSecretFor(secret, room, nonce), 'utf8')
  const given = Buffer.from(presented, 'utf8')
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

/** A fresh nonce for a new room or a revocation (128 bits). */
export function newLinkNonce(): string {
  return crypto.randomBytes(16).toString('base64url')
}
