import type { Dash, Font } from '../../doc'
/** Shared drawing constants for item shapes. */
export const FONT_FAMILY = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
export const INK = '#1e1e1e'
/** Thin strokes are hard to hit with a pointer: lines get at least this hit width (scene units). */
export const MIN_HIT_STROKE = 12

/** Konva treats an empty string as "no fill"; keep 'transparent' so the interior stays clickable. */
export function paint(c: string): string {
  return c === '' ? 'transparent' : c
}

/** CSS font stacks of the four label/text fonts (CONTRACT §3 `font`). */
export const FONT_FAMILIES: Record<Font, string> = {
  sans: FONT_FAMILY,
  serif: 'Georgia, "Times New Roman", Times, serif',
  mono: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  hand: '"Segoe Print", "Bradley Hand", "Comic Sans MS", "Comic Neue", cursive',
}

export function fontFamilyOf(font: Font | undefined): string {
  return FONT_FAMILIES[font ?? 'sans']
}

/** Dash pattern for a stroke width (scene units), or undefined for a solid line. */
export function dashPattern(dash: Dash | undefined, strokeWidth: number): number[] | undefined {
  const w = Math.max(1, strokeWidth)
  if (dash === 'dashed') return [w * 4, w * 3]
  if (dash === 'dotted') return [0.01, w * 2.5]
  return undefined
}

/** Inset of a sticky note's text from its edges (sticky.tsx; applyLook on a resize). */
export const STICKY_PAD = 16
