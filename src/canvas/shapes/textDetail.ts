// Level of detail for item text. Zoomed out far enough, a text's glyphs are a blur one or two
// device pixels high, yet each still cost Konva a font change, a measure and a fillText: on a
// 10,000-item board zoomed to fit, texts (notes, labels, text items) were two thirds of a full
// redraw (~600 of ~900 ms in a profile of a restyle) — the redraw every bulk edit, undo, and every
// settle after a pan or zoom ends with. Below GREEK_BELOW_PX of font size on the target canvas a
// text is drawn as one faint bar per line where its glyphs would be ("greeking"); exports, hit
// testing and any text drawn larger are untouched.

/** Font sizes below this many device pixels on the canvas being drawn are greeked. */
export const GREEK_BELOW_PX = 4

/** How dark a greeked line is, against the text's own colour (glyphs cover about this much of their line). */
export const GREEK_ALPHA = 0.35

/** How many device pixels one unit of the current drawing space spans (rotation and uniform zoom included). */
export function deviceScale(ctx: CanvasRenderingContext2D): number {
  const m = ctx.getTransform()
  return Math.sqrt(m.a * m.a + m.b * m.b)
}

/** True when text of `fontSize` (in the current drawing space's units) is drawn greeked on `ctx`. */
export function greeked(ctx: CanvasRenderingContext2D, fontSize: number): boolean {
  return fontSize * deviceScale(ctx) < GREEK_BELOW_PX
}

/** One laid-out line of a text: its width (Konva's textArr). */
export interface GreekLine {
  width: number
}

export interface GreekLayout {
  lines: readonly GreekLine[]
  /** the text box's width, its padding, the top of the first line (vertical alignment applied) */
  width: number
  padding: number
  top: number
  fontSize: number
  lineHeightPx: number
  align: string
}

/** The bars standing for the lines of a greeked text, in the text node's own units: [x, y, width, height] each. */
export function greekBars(t: GreekLayout): [number, number, number, number][] {
  const out: [number, number, number, number][] = []
  const h = t.fontSize * 0.5
  for (let n = 0; n < t.lines.length; n++) {
    const w = t.lines[n]!.width
    if (!(w > 0)) continue
    let x = t.padding
    if (t.align === 'right') x += t.width - w - t.padding * 2
    else if (t.align === 'center') x += (t.width - w - t.padding * 2) / 2
    out.push([x, t.top + n * t.lineHeightPx + t.lineHeightPx / 2 - h / 2, w, h])
  }
  return out
}

/** Paints `bars` in `fill` at GREEK_ALPHA on `ctx` (its state is the caller's to save and restore). */
export function paintGreek(ctx: CanvasRenderingContext2D, fill: string, bars: readonly [number, number, number, number][]): void {
  ctx.fillStyle = fill
  ctx.globalAlpha *= GREEK_ALPHA
  for (const [x, y, w, h] of bars) ctx.fillRect(x, y, w, h)
}
