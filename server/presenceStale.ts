/**
 * Cheap rejection of stale presence. A stock y-websocket client re-sends every awareness change
 * it receives, with the clock it received: in a room of N people that is N copies of each cursor
 * move coming back to the server. y-protocols would parse each state's JSON before finding the
 * clock is not newer; here the entries are read without the JSON, and those whose clock is not
 * newer than the one the room knows are dropped before anything else happens (no ownership
 * check, no re-broadcast). The same rule as y-protocols: an entry applies when its clock is newer,
 * or equal with a `null` state for an id that still has one (a removal).
 */
import type { Awareness } from 'y-protocols/awareness'
import { entriesUpdate, isNullState, readEntries } from './ws/awarenessEntries'

export type StaleFilter =
  /** `update` is what is left to apply: the same bytes when nothing was stale, null when all of it was */
  | { ok: true; update: Uint8Array | null; stale: number }
  | { ok: false }

export function withoutStale(update: Uint8Array, awareness: Awareness): StaleFilter {
  const entries = readEntries(update)
  if (!entries) return { ok: false }
  const { meta, states } = awareness
  const fresh = entries.filter((e) => {
    const known = meta.get(e.id)?.clock
    return known === undefined || e.clock > known || (e.clock === known && isNullState(e.state) && states.has(e.id))
  })
  const stale = entries.length - fresh.length
  if (stale === 0) return { ok: true, update, stale: 0 }
  return { ok: true, update: fresh.length === 0 ? null : entriesUpdate(fresh), stale }
}
