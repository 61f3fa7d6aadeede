/**
 * Token expiry on open sockets (CONTRACT §6): a token is checked at the upgrade, and a socket can
 * stay open for days. Once a second every open connection whose token has expired is judged
 * again without it: if the room's link access still lets it in, it keeps (or drops to) that role;
 * otherwise it is closed with 4401 "the access token has expired" — its later writes are never
 * stored, as REST would refuse them too.
 */
import type { Logger } from '../log'
import type { Room } from '../room'
import { withReason, Unauthorized } from '../ws/closeCodes'
import type { RoomRecord } from '../api/roomsStore'
import { isConnectionGrant, NO_RECORD, reassess } from './tokenAuthorizer'

export const TokenExpired = withReason(Unauthorized, 'the access token has expired')

export interface ExpirySweepOptions {
  rooms: () => Room[]
  /** the room's current record (null: none, judged as private) */
  record: (room: string) => Promise<RoomRecord | null>
  now: () => number
  log: Logger
  intervalMs?: number
}

/** Starts the sweep; returns a function that stops it. */
export function startExpirySweep(opts: ExpirySweepOptions): () => void {
  let running = false
  const sweep = async () => {
    if (running) return
    running = true
    try {
      const at = opts.now()
      for (const room of opts.rooms()) {
        const expired = [...room.connections].filter((c) => isConnectionGrant(c.auth) && c.auth.token?.ok === true && c.auth.token.claims.exp * 1000 <= at)
        if (expired.length === 0) continue
        const record = (await opts.record(room.name)) ?? NO_RECORD
        for (const conn of expired) {
          if (conn.closed || !isConnectionGrant(conn.auth)) continue
          const decision = reassess(conn.auth, record, at)
          conn.auth.token = { ok: false, code: 'expired' }
          if (!decision.ok) conn.close(TokenExpired)
          else if (decision.role !== conn.role) room.setRole((c) => c === conn, decision.role)
          opts.log.info({ room: room.name, conn: conn.id, kept: decision.ok ? decision.role : null }, 'access token of an open connection expired')
        }
      }
    } catch (err) {
      opts.log.error({ err }, 'token expiry sweep failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void sweep(), opts.intervalMs ?? 1_000)
  timer.unref()
  return () => clearInterval(timer)
}
