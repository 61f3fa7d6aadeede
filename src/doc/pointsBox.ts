/** Box of flat points [x0, y0, x1, y1, …]: the one bounding-box loop of linear items and paths. */
export function pointsBox(points: readonly number[]): { minX: number; minY: number; width: number; height: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!)
    maxX = Math.max(maxX, points[i]!)
    minY = Math.min(minY, points[i + 1]!)
    maxY = Math.max(maxY, points[i + 1]!)
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, width: 0, height: 0 }
  return { minX, minY, width: maxX - minX, height: maxY - minY }
}
