/**
 * The WebSocket authorizer without --open (CONTRACT §6): the `token` query parameter — a signed
 * token or the room's link secret — is checked with the signing secret and judged with
 * decideAccess against the room's record. A room that was never created through POST /api/rooms
 * has no record: it is judged as a private room, so callers without a valid token for it get
 * 401/403 and cannot tell it from a private room; holders of a valid token for it (e.g. after
 * DELETE) get 404. Tokens and link secrets are never logged.
 */
import type { RoomRecord, RoomsStore } from '../api/roomsStore'
import { tokenFromUrl } from '../roomName'
import { decideAccess, type AccessDecision } from './access'
import type { Authorizer } from './Authorizer'
import { readCredential, revokedIfOld } from './credential'
import type { VerifyResult } from './tokens'

/** What stays attached to a granted connection (`connection.auth`) so its rights can be re-checked later. */
export interface ConnectionGrant {
  /** the token's verification at upgrade time, null when no token was presented */
  token: VerifyResult | null
  /** the room's link nonce when the connection came in with the link secret, else null */
  linkNonce: string | null
}

export function isConnectionGrant(value: unknown): value is ConnectionGrant {
  return typeof value === 'object' && value !== null && 'token' in value
}

export interface TokenAuthorizerOptions {
  secret: Uint8Array
  store: RoomsStore
  now?: () => number
}

export function createTokenAuthorizer(opts: TokenAuthorizerOptions): Authorizer {
  const now = () => opts.now?.() ?? Date.now()
  return {
    async authorize(room, request) {
      const record = await opts.store.get(room)
      const cred = readCredential(opts.secret, tokenFromUrl(request.url), room, record, now())
      const decision = decideAccess({
        token: cred.token, link: cred.link, access: record?.access ?? 'private', codeAccess: record?.codeAccess ?? false, open: false,
      })
      if (!decision.ok) return { refuse: { status: decision.status, message: decision.message } }
      if (!record) return { refuse: { status: 404, message: `no room named ${room}` } }
      const grant: ConnectionGrant = { token: cred.token, linkNonce: cred.linkNonce }
      return { role: decision.role, data: grant }
    },
  }
}

/** A private room's stand-in for connections whose room has no record (any more). */
export const NO_RECORD: Pick<RoomRecord, 'access' | 'codeAccess' | 'linkNonce' | 'tokenGen'> = { access: 'private', codeAccess: false, linkNonce: '', tokenGen: 0 }

/**
 * A connection's rights after the room's record changed (access, code access, a revoked link) or
 * time passed: the token it presented is re-checked (including its expiry), a link secret it came
 * in with counts only while it is still the room's current one.
 */
export function reassess(grant: ConnectionGrant, record: Pick<RoomRecord, 'access' | 'codeAccess' | 'linkNonce' | 'tokenGen'>, at: number): AccessDecision {
  let token = grant.token && revokedIfOld(grant.token, record)
  if (token?.ok && token.claims.exp <= Math.floor(at / 1000)) token = { ok: false, code: 'expired' }
  const link = grant.linkNonce === null ? null : grant.linkNonce === record.linkNonce ? 'valid' : 'invalid'
  return decideAccess({ token, link, access: record.access, codeAccess: record.codeAccess, open: false })
}
