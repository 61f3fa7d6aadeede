import { SHALLOW_KEYS } from '../../doc'

/** True when a change touched only SHALLOW_KEYS (moves, restyles, rotations: the snapshot can be patched). */
export function isShallow(keys: ReadonlySet<string>): boolean {
  for (const k of keys) if (!SHALLOW_KEYS.has(k)) return false
  return true
}

/** Fields a Placement holds (what culling, z-order and bounds read). */
const PLACEMENT_KEYS: ReadonlySet<string> = new Set(['type', 'pageId', 'index', 'x', 'y', 'width', 'height', 'rotation', 'strokeWidth', 'points', 'startBinding', 'endBinding', 'parentId'])

/** True when `key` is a field the Placement holds. */
export function placesKey(key: string): boolean {
  return PLACEMENT_KEYS.has(key)
}

/** True when a change touched a field the Placement holds (false: a look-only change, placement kept). */
export function placesIt(keys: ReadonlySet<string>): boolean {
  for (const k of keys) if (PLACEMENT_KEYS.has(k)) return true
  return false
}
