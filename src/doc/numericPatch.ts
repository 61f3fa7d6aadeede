// The numeric placement and size fields of an item patch (and a line's points), checked without
// the schema library.
// A rotation, resize or nudge of 10,000 items writes a different x, y (and rotation or size) to
// each: every patch was distinct, so each went through zod (136 ms of a 10,000-item rotation's
// end in a profile), and the scene model validated each new value again through a memo keyed by
// its text (82 ms). These checks say exactly what patchFields says for these fields (schema.ts:
// finite numbers; sizes and stroke widths not negative; font sizes positive; opacity 0–1; points
// an even number of finite numbers, at most MAX_POINTS).
import { MAX_POINTS } from './itemTypes'

const RULES: Readonly<Record<string, (v: number) => boolean>> = {
  x: () => true,
  y: () => true,
  rotation: () => true,
  width: (v) => v >= 0,
  height: (v) => v >= 0,
  strokeWidth: (v) => v >= 0,
  fontSize: (v) => v > 0,
  opacity: (v) => v >= 0 && v <= 1,
}

/** True when `key` is one of the numeric fields checked here. */
export function isNumericField(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES, key)
}

/** Whether `value` is valid for the numeric field `key` (call only when isNumericField(key)). */
export function validNumber(key: string, value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && RULES[key]!(value)
}

/**
 * A copy of `patch` when it is a plain object holding only numeric fields, each with a valid
 * value (what itemPatchSchema would accept and return); null when it holds anything else or
 * nothing (the caller validates it the full way).
 */
export function numericPatch(patch: unknown): Record<string, number | number[]> | null {
  if (typeof patch !== 'object' || patch === null || Object.getPrototypeOf(patch) !== Object.prototype) return null
  const out: Record<string, number | number[]> = {}
  let n = 0
  for (const key in patch) {
    if (!Object.prototype.hasOwnProperty.call(patch, key)) continue
    const v = (patch as Record<string, unknown>)[key]
    if (key === 'points') {
      if (!validPoints(v)) return null
      out[key] = [...v]
    } else if (isNumericField(key) && validNumber(key, v)) out[key] = v as number
    else return null
    n++
  }
  return n > 0 ? out : null
}

/** A line's points as pointsSchema accepts them. */
export function validPoints(v: unknown): v is number[] {
  if (!Array.isArray(v) || v.length % 2 !== 0 || v.length > MAX_POINTS) return false
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) return false
  return true
}
