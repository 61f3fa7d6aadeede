/**
 * What a request presents as its credential (`?token=` or `Authorization: Bearer`): a signed
 * capability token, or a room's link secret (`ls-…`, server/auth/linkSecret.ts). Both travel the
 * same way; this tells them apart and checks the one given against the room.
 */
import type { RoomRecord } from '../api/roomsStore'
import type { LinkCheck } from './access'
import { isLinkSecretShaped, linkSecretMatches } from './linkSecret'
import { verifyToken, type VerifyResult } from './tokens'

export interface Credential {
  /** the verified token, or null when none (or a link secret) was presented */
  token: VerifyResult | null
  /** the check of a presented link secret, null when none was presented */
  link: LinkCheck
  /** the nonce of the record the link secret matched (so a revoke can be noticed later) */
  linkNonce: string | null
}

export function readCredential(secret: Uint8Array, raw: string | null, room: string, record: RoomRecord | null, now: number): Credential {
  if (!raw) return { token: null, link: null, linkNonce: null }
  if (isLinkSecretShaped(raw)) {
    const valid = record !== null && linkSecretMatches(secret, room, record.linkNonce, raw)
    return { token: null, link: valid ? 'valid' : 'invalid', linkNonce: valid ? record.linkNonce : null }
  }
  return { token: revokedIfOld(verifyToken(secret, raw, { room, now }), record), link: null, linkNonce: null }
}

/** An editor or viewer token of an older generation than the room's is revoked; owner tokens never are. */
export function revokedIfOld(token: VerifyResult, record: Pick<RoomRecord, 'tokenGen'> | null): VerifyResult {
  if (!token.ok || record === null || token.claims.role === 'owner') return token
  return (token.claims.g ?? 0) < record.tokenGen ? { ok: false, code: 'revoked' } : token
}
