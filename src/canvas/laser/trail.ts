// The laser pointer's trail (CONTRACT §4 `laser`), pure. A trail is flat [x, y, t, …] with t in
// ms since the trail began on the sender's clock; only the last LASER_TTL_MS is kept. Receivers
// never compare t with their own clock: a point's age is how far it is behind the newest point,
// plus the time since that newest point arrived.

/** A point is drawn, fading, for this long. */
export const LASER_TTL_MS = 1000
/** Points closer in time than this are merged (pointer events can come at 120 Hz+). */
export const LASER_MIN_STEP_MS = 15

/** Appends (x, y) at time t (ms since the trail began) and drops points older than the TTL. */
export function appendPoint(points: readonly number[], x: number, y: number, t: number, ttl = LASER_TTL_MS): number[] {
  const out = pruneTrail(points, t - ttl)
  const n = out.length
  const pt = [Math.round(x * 10) / 10, Math.round(y * 10) / 10, Math.max(0, Math.round(t))]
  // a point too soon after the previous one replaces it (keeps the trail's length bounded)
  if (n >= 6 && t - out[n - 1]! < LASER_MIN_STEP_MS) out.splice(n - 3, 3, ...pt)
  else out.push(...pt)
  return out
}

/** The points with t >= tMin (the trail is in time order). */
export function pruneTrail(points: readonly number[], tMin: number): number[] {
  let i = 0
  while (i < points.length && points[i + 2]! < tMin) i += 3
  return points.slice(i)
}

/**
 * Ages (ms) of a trail's points as a receiver sees them: `behind` = how long after the trail's
 * newest point we are (time since it arrived, or since it was made for our own trail).
 */
export function pointAges(points: readonly number[], behind: number): number[] {
  const n = points.length
  if (n < 3) return []
  const last = points[n - 1]!
  const ages: number[] = []
  for (let i = 2; i < n; i += 3) ages.push(last - points[i]! + Math.max(0, behind))
  return ages
}

/** Opacity of a point of this age: 1 when new, 0 at the TTL. */
export function fadeOf(age: number, ttl = LASER_TTL_MS): number {
  return Math.max(0, Math.min(1, 1 - age / ttl))
}
