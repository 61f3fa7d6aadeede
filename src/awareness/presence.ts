// Validation of remote awareness states and minimal writes of the local one.
// Remote states come from any client on the wire, so they are untrusted: a state that does not
// match CONTRACT §4 is ignored (never rendered half-way, never thrown on).
import * as z from 'zod'
import type { Awareness } from 'y-protocols/awareness'
import type { PresenceState } from './types'

const MAX_NAME = 64
const MAX_SELECTION = 10_000
/** A second of laser trail at pointer-move rates is well under this many points. */
export const MAX_LASER_POINTS = 240
const MAX_EDITING = 10_000

const finite = z.number().finite()
const id = z.string().min(1).max(256)

const userSchema = z.object({
  name: z.string().max(MAX_NAME * 4),
  color: z.string().min(1).max(64),
})
const cursorSchema = z.object({ x: finite, y: finite, pageId: id })
const viewportSchema = z.object({ x: finite, y: finite, zoom: finite.positive(), pageId: id })

export const presenceSchema = z.object({
  user: userSchema,
  cursor: cursorSchema.nullable(),
  selection: z.array(id).max(MAX_SELECTION),
  viewport: viewportSchema,
  following: z.number().int().nullable(),
  spotlight: z.boolean().optional(),
})

// The optional extras are checked on their own: a malformed laser trail or editing list drops
// that field only, so the peer's cursor and selection still show.
export const laserSchema = z
  .array(finite)
  .max(MAX_LASER_POINTS * 3)
  .refine((a) => a.length % 3 === 0, { message: 'expected [x, y, t] triples' })
  .refine((a) => a.every((v, i) => i % 3 !== 2 || v >= 0), { message: 'expected t >= 0' })
export const editingSchema = z.array(id).max(MAX_EDITING)

/** A colour we are willing to paint with: hex or rgb()/hsl(); anything else is replaced. */
const SAFE_COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$/
export const FALLBACK_COLOR = '#868e96'

/** The validated state, or null when `raw` is not a well-formed presence state. */
export function parsePresence(raw: unknown): PresenceState | null {
  const r = presenceSchema.safeParse(raw)
  if (!r.success) return null
  const s = r.data
  const extra = raw as { laser?: unknown; editing?: unknown }
  const name = s.user.name.trim().slice(0, MAX_NAME) || 'Anonymous'
  const color = SAFE_COLOR.test(s.user.color) ? s.user.color : FALLBACK_COLOR
  const out: PresenceState = {
    user: { name, color },
    cursor: s.cursor,
    selection: s.selection,
    viewport: s.viewport,
    following: s.following,
  }
  if (s.spotlight === true) out.spotlight = true
  const laser = laserSchema.safeParse(extra.laser)
  if (laser.success && laser.data.length > 0) out.laser = laser.data
  const editing = editingSchema.safeParse(extra.editing)
  if (editing.success && editing.data.length > 0) out.editing = editing.data
  return out
}

/** Rounds a scene coordinate so the wire carries no float noise (0.1 scene units is sub-pixel up to zoom 10). */
export function roundCoord(v: number): number {
  return Math.round(v * 10) / 10
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Optional list fields that are left out of the state while empty (smaller sends). */
const OMIT_WHEN_EMPTY = new Set(['laser', 'editing'])

/**
 * Merges `patch` into the local state and publishes it only if something actually changed:
 * every setLocalState is sent to all peers, so re-setting unchanged fields costs bandwidth.
 * `spotlight: false` and an empty `laser`/`editing` remove the field. Returns true when a new
 * state was published.
 */
export function updateLocalPresence(awareness: Awareness, patch: Partial<PresenceState>): boolean {
  const prev = (awareness.getLocalState() ?? {}) as Record<string, unknown>
  const next: Record<string, unknown> = { ...prev }
  let changed = false
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'spotlight' && v !== true) {
      if ('spotlight' in next) {
        delete next.spotlight
        changed = true
      }
      continue
    }
    if (OMIT_WHEN_EMPTY.has(k) && (!Array.isArray(v) || v.length === 0)) {
      if (k in next) {
        delete next[k]
        changed = true
      }
      continue
    }
    if (!(k in prev) || !sameJson(prev[k], v)) {
      next[k] = v
      changed = true
    }
  }
  if (changed) awareness.setLocalState(next)
  return changed
}
