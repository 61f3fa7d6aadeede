// Text and number formatting shared by the SVG writers (svg.ts, sketchSvg.ts).

export function paintOf(c: string): string {
  return !c || c === 'transparent' ? 'none' : attr(c)
}

/** Numbers without float noise (0.1 + 0.2 → 0.3) and without "-0". */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000
  return Object.is(r, -0) ? '0' : String(r)
}

/**
 * Characters XML 1.0 forbids even as references: C0 controls other than tab, LF and CR, lone
 * surrogates and U+FFFE/U+FFFF. Pasted text brings them in (a word processor's line break is
 * U+000B); one of them makes the whole SVG unparseable, and the PNG export (which loads that SVG
 * as an image) fails with it. They have no glyph, so they are dropped. With the `u` flag a lone
 * surrogate is one code point outside the ranges, while a valid pair is one code point inside.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text content: drops what XML forbids, escapes markup. */
export function xml(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A double-quoted attribute value: text rules plus both quotes (a single one is harmless but cheap to escape). */
export function attr(s: string): string {
  return xml(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
