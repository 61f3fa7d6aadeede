/** Shared drawing constants for item shapes. */
export const FONT_FAMILY = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
export const INK = '#1e1e1e'
/** Thin strokes are hard to hit with a pointer: lines get at least this hit width (scene units). */
export const MIN_HIT_STROKE = 12

/** Konva treats an empty string as "no fill"; keep 'transparent' so the interior stays clickable. */
export function paint(c: string): string {
  return c === '' ? 'transparent' : c
}
