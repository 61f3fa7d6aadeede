// Deriving the list of other users from raw awareness states.
import { parsePresence } from './presence'
import type { Peer } from './types'

/** Valid remote states (not `selfId`), ordered by clientID so the list is stable across renders. */
export function derivePeers(states: ReadonlyMap<number, unknown>, selfId: number): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, raw] of states) {
    if (clientId === selfId) continue
    const s = parsePresence(raw)
    if (s) peers.push({ clientId, ...s })
  }
  peers.sort((a, b) => a.clientId - b.clientId)
  return peers
}

/** Peers whose cursor is on `pageId` and moved within `idleMs` (per `lastMoved`, ms timestamps). */
export function visibleCursors(
  peers: readonly Peer[],
  pageId: string,
  lastMoved: ReadonlyMap<number, number>,
  now: number,
  idleMs = 5_000,
): Peer[] {
  return peers.filter((p) => {
    if (!p.cursor || p.cursor.pageId !== pageId) return false
    const t = lastMoved.get(p.clientId)
    return t === undefined || now - t < idleMs
  })
}

/** Peers with a non-empty selection on the page we are looking at. */
export function peersSelectingOn(peers: readonly Peer[], pageId: string): Peer[] {
  return peers.filter((p) => p.selection.length > 0 && p.viewport.pageId === pageId)
}

/** The presenter: the lowest clientID among peers with spotlight on (deterministic when two present). */
export function spotlightPeer(peers: readonly Peer[]): Peer | null {
  for (const p of peers) if (p.spotlight) return p
  return null
}

/** Two-letter initials for an avatar: "Quick Otter" → "QO", "ada" → "AD". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase()
  return (words[0][0] + words[words.length - 1][0]).toUpperCase()
}
