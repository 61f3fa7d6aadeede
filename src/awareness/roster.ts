// Join/leave announcements from successive peer lists. Awareness churns on reconnects
// (y-websocket drops all remote states when its socket closes, then they come back), so
// announcements are muted while disconnected and during a short grace period after connecting.
import type { Peer } from './types'

export interface RosterEvent {
  type: 'joined' | 'left'
  clientId: number
  name: string
}

export interface RosterTracker {
  /** `connectedSince`: ms timestamp of the current connection, or null while disconnected */
  update(peers: readonly Peer[], connectedSince: number | null, now: number): RosterEvent[]
}

export function createRosterTracker(graceMs = 1_500): RosterTracker {
  const known = new Map<number, string>()
  return {
    update(peers, connectedSince, now) {
      const events: RosterEvent[] = []
      if (connectedSince === null) return events
      const quiet = now - connectedSince < graceMs
      const present = new Set<number>()
      for (const p of peers) {
        present.add(p.clientId)
        if (!known.has(p.clientId) && !quiet) events.push({ type: 'joined', clientId: p.clientId, name: p.user.name })
        known.set(p.clientId, p.user.name)
      }
      if (!quiet) {
        for (const [id, name] of [...known]) {
          if (!present.has(id)) {
            known.delete(id)
            events.push({ type: 'left', clientId: id, name })
          }
        }
      }
      return events
    },
  }
}
