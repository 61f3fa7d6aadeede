// Fractional indices (z-order of items, order of pages) on top of fractional-indexing.
// Two clients adding "above the top" at the same time produce equal keys; every sort
// therefore tie-breaks on id so all replicas agree on one order.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'

export const MAX_KEY_LENGTH = 1024

export function isValidKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false
  try {
    generateKeyBetween(key, null)
    return true
  } catch {
    // the largest representable key cannot be incremented, yet is valid
    try {
      generateKeyBetween(null, key)
      return true
    } catch {
      return false
    }
  }
}

/** A key strictly between a and b (null = open end). Equal or reversed bounds throw. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new RangeError(`keyBetween: ${a} >= ${b}`)
  return generateKeyBetween(a, b)
}

/** n ascending keys strictly between a and b. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return []
  if (a !== null && b !== null && a >= b) throw new RangeError(`keysBetween: ${a} >= ${b}`)
  return generateNKeysBetween(a, b, n)
}

export interface Indexed {
  id: string
  index: string
}

/** Order by index, then id (plain code-unit comparison, as the keys are designed for). */
export function compareIndexed(a: Indexed, b: Indexed): number {
  if (a.index < b.index) return -1
  if (a.index > b.index) return 1
  if (a.id < b.id) return -1
  if (a.id > b.id) return 1
  return 0
}

/**
 * Given a list in its desired final order where the entries in `moved` need new keys and
 * all others keep theirs, returns the new keys. Runs of moved entries get keys between
 * their unmoved neighbours; when those neighbours tie (equal keys from concurrent adds),
 * the run grows downward until the bounds are strictly ordered.
 */
export function rekey(order: readonly Indexed[], moved: ReadonlySet<string>): Map<string, string> {
  const m = new Set(moved)
  for (let guard = 0; guard <= order.length; guard++) {
    let bad = -1
    forEachRun(order, m, (i, _j, lo, hi) => {
      if (bad < 0 && lo !== null && hi !== null && lo >= hi) bad = i - 1
    })
    if (bad < 0) break
    m.add(order[bad]!.id)
  }
  const out = new Map<string, string>()
  forEachRun(order, m, (i, j, lo, hi) => {
    const keys = keysBetween(lo, hi, j - i + 1)
    for (let k = i; k <= j; k++) out.set(order[k]!.id, keys[k - i]!)
  })
  return out
}

/** Calls `fn` for each maximal run order[i..j] of ids in `set`, with the keys just below and above it. */
function forEachRun(
  order: readonly Indexed[],
  set: ReadonlySet<string>,
  fn: (i: number, j: number, lo: string | null, hi: string | null) => void,
): void {
  for (let i = 0; i < order.length; ) {
    if (!set.has(order[i]!.id)) {
      i++
      continue
    }
    let j = i
    while (j + 1 < order.length && set.has(order[j + 1]!.id)) j++
    fn(i, j, i > 0 ? order[i - 1]!.index : null, j + 1 < order.length ? order[j + 1]!.index : null)
    i = j + 1
  }
}
