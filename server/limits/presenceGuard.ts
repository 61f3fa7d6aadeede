/**
 * Who may change which presence (awareness) state, and how big it may be (README "Security").
 *
 * An awareness update is a list of (client id, clock, state JSON). y-protocols applies any entry
 * with a newer clock, whoever sends it — so a viewer could rename "Alice", give her
 * `spotlight: true` (everyone follows her) or remove her. Here each entry is checked against the
 * connection that announced the id first: entries for ids another live connection owns are
 * dropped (unless that connection has been silent longer than a renewal period: a reloaded tab
 * takes its id over from a dead socket), states over LIMITS.awareness.maxStateBytes and more ids
 * per connection than LIMITS.awareness.maxIdsPerConnection close the sender.
 */
import * as decoding from 'lib0/decoding'
import { LIMITS } from './limits'
import { entriesUpdate } from '../ws/awarenessEntries'

/** a stock provider renews its state every 15 s; an owner silent for twice that is gone */
export const OWNER_SILENT_MS = 30_000

export type PresenceVerdict =
  | { ok: true; update: Uint8Array | null; dropped: number; refused: Array<{ id: number; entry: Uint8Array }> }
  | { ok: false; reason: 'corrupt awareness update' | 'awareness state too large' | 'too many awareness ids' }

export interface PresenceOwnership<C> {
  /** the live connection that announced `id`, and when it was last heard from (performance.now()) */
  ownerOf(id: number): { conn: C; lastHeard: number } | null
  /** ids the sender owns now */
  ownedBy(conn: C): ReadonlySet<number>
}

/**
 * The part of `update` that `sender` may apply: the same bytes when all of it, a re-encoded
 * update without the others' entries, or null when nothing is left.
 */
export function guardAwareness<C>(update: Uint8Array, sender: C, ownership: PresenceOwnership<C>, now: number): PresenceVerdict {
  const entries: Array<{ id: number; clock: number; state: Uint8Array }> = []
  try {
    const d = decoding.createDecoder(update)
    const n = decoding.readVarUint(d)
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(d)
      const clock = decoding.readVarUint(d)
      const state = decoding.readVarUint8Array(d)
      entries.push({ id, clock, state })
    }
  } catch {
    return { ok: false, reason: 'corrupt awareness update' }
  }
  const owned = ownership.ownedBy(sender)
  const allowed: typeof entries = []
  const refused: Array<{ id: number; entry: Uint8Array }> = []
  const claimed = new Set(owned)
  for (const e of entries) {
    if (e.state.length > LIMITS.awareness.maxStateBytes) return { ok: false, reason: 'awareness state too large' }
    const owner = ownership.ownerOf(e.id)
    if (owner && owner.conn !== sender && now - owner.lastHeard < OWNER_SILENT_MS) {
      refused.push({ id: e.id, entry: entriesUpdate([e]) })
      continue
    }
    if (!isNullState(e.state)) claimed.add(e.id)
    allowed.push(e)
  }
  if (claimed.size > LIMITS.awareness.maxIdsPerConnection) return { ok: false, reason: 'too many awareness ids' }
  const dropped = entries.length - allowed.length
  if (dropped === 0) return { ok: true, update, dropped: 0, refused }
  return { ok: true, update: allowed.length === 0 ? null : entriesUpdate(allowed), dropped, refused }
}

const NULL_STATE = new TextEncoder().encode('null')

function isNullState(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && state.every((b, i) => b === NULL_STATE[i])
}
