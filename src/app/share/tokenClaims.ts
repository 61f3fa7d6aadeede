/**
 * Reads the claims of a capability token in the browser — only to adapt the UI (e.g. the
 * "View only" badge). Nothing is verified here: the server checks the signature on every
 * connection and request, so a doctored token gains nothing.
 */
import type { Role } from '../api'

export interface ClientTokenClaims {
  room: string
  role: Role
  /** expiry, seconds since the Unix epoch */
  exp: number
}

export function decodeTokenClaims(token: string | null | undefined): ClientTokenClaims | null {
  if (!token) return null
  const payload = token.split('.')[0]
  if (!payload || !/^[A-Za-z0-9_-]+$/.test(payload)) return null
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0))
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (typeof json !== 'object' || json === null) return null
    const { room, role, exp } = json as Record<string, unknown>
    if (typeof room !== 'string' || typeof exp !== 'number') return null
    if (role !== 'owner' && role !== 'editor' && role !== 'viewer') return null
    return { room, role, exp }
  } catch {
    return null
  }
}
