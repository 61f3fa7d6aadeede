// Join/leave announcements from successive peer lists. Awareness churns around reconnects:
// y-websocket drops all remote states when its socket closes, and a server shutting down
// closes the others' sockets first (so we see them "leave" just before we drop too). Hence
// announcements are muted while disconnected and for a grace period after connecting (longer
// for leaves: the others reconnect with their own backoff, up to a few seconds after us), and a
// leave is announced only once the user has stayed away for `leaveDelayMs` while we are connected.
import type { Peer } from './types'

export interface RosterEvent {
  type: 'joined' | 'left'
  clientId: number
  name: string
}

export interface RosterTracker {
  /**
   * `connectedSince`: ms timestamp of the current connection, or null while disconnected.
   * Call on every awareness change and periodically (pending leaves mature with time).
   */
  update(peers: readonly Peer[], connectedSince: number | null, now: number): RosterEvent[]
}

export function createRosterTracker(graceMs = 1_500, leaveDelayMs = 1_500, leaveGraceMs = 6_000): RosterTracker {
  const known = new Map<number, string>()
  const leaving = new Map<number, number>()
  return {
    update(peers, connectedSince, now) {
      const events: RosterEvent[] = []
      if (connectedSince === null) {
        leaving.clear()
        return events
      }
      const quiet = now - connectedSince < graceMs
      const present = new Set<number>()
      for (const p of peers) {
        present.add(p.clientId)
        leaving.delete(p.clientId)
        if (!known.has(p.clientId) && !quiet) events.push({ type: 'joined', clientId: p.clientId, name: p.user.name })
        known.set(p.clientId, p.user.name)
      }
      if (now - connectedSince < leaveGraceMs) return events
      for (const [id, name] of [...known]) {
        if (present.has(id)) continue
        const since = leaving.get(id)
        if (since === undefined) leaving.set(id, now)
        else if (now - since >= leaveDelayMs) {
          leaving.delete(id)
          known.delete(id)
          events.push({ type: 'left', clientId: id, name })
        }
      }
      return events
    },
  }
}
