// Text colour that stays readable on a user's colour (remote colours can be anything valid).

/** '#fff' or '#212529' depending on the luminance of a #rgb/#rrggbb background. */
export function readableOn(bg: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})/i.exec(bg)
  if (!m) return '#ffffff'
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return lum > 0.62 ? '#212529' : '#ffffff'
}
