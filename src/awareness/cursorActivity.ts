// Remembers when each peer's cursor last moved, so idle cursors (~5 s) can be hidden.
// Awareness heartbeats renew states without changing them; only real moves count.
import type { Peer } from './types'

export interface CursorActivity {
  /** record the current peers; returns the map clientID → last move time */
  update(peers: readonly Peer[], now: number): ReadonlyMap<number, number>
  lastMoved(): ReadonlyMap<number, number>
}

export function createCursorActivity(): CursorActivity {
  const last = new Map<number, { key: string; t: number }>()
  const times = new Map<number, number>()
  return {
    update(peers, now) {
      const seen = new Set<number>()
      for (const p of peers) {
        seen.add(p.clientId)
        const key = p.cursor ? `${p.cursor.x},${p.cursor.y},${p.cursor.pageId}` : ''
        const prev = last.get(p.clientId)
        if (!prev || prev.key !== key) {
          last.set(p.clientId, { key, t: now })
          times.set(p.clientId, now)
        }
      }
      for (const id of [...last.keys()]) {
        if (!seen.has(id)) {
          last.delete(id)
          times.delete(id)
        }
      }
      return times
    },
    lastMoved: () => times,
  }
}
