// Conflicts made visible (CONTRACT §4 `editing`): who, among the others, is dragging,
// resizing or typing in which item right now. Pure functions over validated peers.
import type { Peer } from './types'

/** Peers editing something on the page we look at (their viewport's page). */
export function peersEditingOn(peers: readonly Peer[], pageId: string): Peer[] {
  return peers.filter((p) => (p.editing?.length ?? 0) > 0 && p.viewport.pageId === pageId)
}

/** The first peer (lowest clientID) editing any of `ids`, or null. */
export function peerEditingAny(peers: readonly Peer[], ids: readonly string[]): Peer | null {
  if (ids.length === 0) return null
  const want = new Set(ids)
  for (const p of peers) if (p.editing?.some((id) => want.has(id))) return p
  return null
}

/** The gentle notice shown when we grab an item someone else has in hand. */
export function conflictNotice(name: string, typing: boolean): string {
  return typing ? `${name} is typing here too — your edits will merge.` : `${name} is moving this too — the last move wins.`
}
