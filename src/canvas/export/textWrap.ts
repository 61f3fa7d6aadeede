/**
 * Line heights, sticky padding and the word wrap shared by the SVG export and the text editor
 * overlay (which must wrap where the export does). Kept apart from svg.ts so the editor's chunk
 * does not carry the exporter, which is loaded when an export is asked for.
 */
export const LINE_HEIGHT = 1.25
export const STICKY_PADDING = 16
export const STICKY_LINE_HEIGHT = 1.3
/** average glyph advance as a share of the font size, for the rough line wrapping below */
const GLYPH_WIDTH = 0.55

/** Greedy word wrap at an estimated glyph width; explicit newlines always break. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const maxChars = width > 0 ? Math.max(1, Math.floor(width / (fontSize * GLYPH_WIDTH))) : Infinity
  const out: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word
      if (next.length <= maxChars || !line) line = next
      else {
        out.push(line)
        line = word
      }
    }
    out.push(line)
  }
  return out
}
