/**
 * Freehand stroke simplification (Ramer–Douglas–Peucker) over flat [x0, y0, x1, y1, …] arrays.
 * A pen stroke samples a point per pointer event; most of them lie on near-straight runs and only
 * bloat the shared document, so on pointer-up we keep the points that deviate more than
 * `tolerance` scene units from the chord between kept neighbours.
 */
export function simplifyPoints(points: readonly number[], tolerance: number): number[] {
  const n = Math.floor(points.length / 2)
  if (n <= 2) return points.slice(0, n * 2)
  const keep = new Uint8Array(n)
  keep[0] = 1
  keep[n - 1] = 1
  // An explicit stack instead of recursion: long strokes must not overflow the call stack.
  const stack: [number, number][] = [[0, n - 1]]
  const tol2 = tolerance * tolerance
  while (stack.length > 0) {
    const [a, b] = stack.pop()!
    let maxD = -1
    let maxI = -1
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(points, i, a, b)
      if (d > maxD) {
        maxD = d
        maxI = i
      }
    }
    if (maxI >= 0 && maxD > tol2) {
      keep[maxI] = 1
      stack.push([a, maxI], [maxI, b])
    }
  }
  const out: number[] = []
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[2 * i]!, points[2 * i + 1]!)
  return out
}

/** Squared distance of point i from the segment a–b. */
function segmentDistance2(p: readonly number[], i: number, a: number, b: number): number {
  const px = p[2 * i]!, py = p[2 * i + 1]!
  const ax = p[2 * a]!, ay = p[2 * a + 1]!
  const bx = p[2 * b]!, by = p[2 * b + 1]!
  const dx = bx - ax, dy = by - ay
  const len2 = dx * dx + dy * dy
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2
  t = Math.max(0, Math.min(1, t))
  const qx = ax + t * dx - px, qy = ay + t * dy - py
  return qx * qx + qy * qy
}
