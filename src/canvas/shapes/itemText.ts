import Konva from 'konva/lib/Core'
import { Text } from 'konva/lib/shapes/Text'
import type { SceneContext } from 'konva/lib/Context'
import { greekBars, greeked, paintGreek } from './textDetail'

type Metrics = ReturnType<Text['measureSize']>

/** Font metrics of the sample glyph by CSS font string; cleared when a web font finishes loading. */
const sampleMetrics = new Map<string, Metrics>()
if (typeof document !== 'undefined' && document.fonts) document.fonts.addEventListener('loadingdone', () => sampleMetrics.clear())

/**
 * Konva text that remembers the font metrics it needs on every draw, and is drawn as faint bars
 * when too small to read (textDetail.ts). Konva's Text measures the glyph 'M' (setting the font
 * on a scratch canvas) each time it is drawn, to place the baseline; the result depends on the
 * font alone, and a zoomed-out board draws hundreds of texts per frame (bench:editor, pan/zoom).
 */
export class ItemText extends Text {
  /** the layout Konva's properties hold (textArr, textWidth, textHeight, _baselineShift): see `layOut` */
  /** @internal the layout's values, behind the accessors below */
  declare laidOut: Partial<Record<LayoutKey, unknown>> | undefined
  declare private layoutStale: boolean

  /**
   * Konva lays a text out (splits it into graphemes, wraps it, measures each line) when it is
   * created and on every change of its text, size or font. Here that only marks the layout stale:
   * it is done when something reads it (a draw, a size or box query). Mounting 10,000 items
   * (an undo of a delete of the diagram board) laid out its 3,000 texts inside React's commit.
   */
  override _setTextData(): void {
    this.layoutStale = true
  }

  /** Lays the text out now if a change has made the layout stale. */
  layOut(): void {
    if (!this.layoutStale) return
    this.layoutStale = false
    Text.prototype._setTextData.call(this)
  }

  override _sceneFunc(context: SceneContext): void {
    const ctx = context._context
    const fill = this.fill()
    if (typeof fill !== 'string' || !this.text() || !greeked(ctx, this.fontSize())) return super._sceneFunc(context)
    const fontSize = this.fontSize()
    paintGreek(ctx, fill, greekBars({ lines: this.textArr, width: this.getWidth(), padding: this.padding(), top: this._getTextTop(), fontSize, lineHeightPx: this.lineHeight() * fontSize, align: this.align() }))
  }

  override measureSize(text: string): Metrics {
    if (text !== 'M') return super.measureSize(text)
    const font = this._getContextFont()
    let m = sampleMetrics.get(font)
    if (!m) {
      m = super.measureSize(text)
      sampleMetrics.set(font, m)
    }
    return m
  }
}

type LayoutKey = 'textArr' | 'textWidth' | 'textHeight' | '_baselineShift'

// Konva's Text keeps its layout in these plain properties (assigned in _setTextData, read by its
// draw and size methods): on ItemText they are accessors that lay the text out first when stale.
for (const key of ['textArr', 'textWidth', 'textHeight', '_baselineShift'] as const) {
  Object.defineProperty(ItemText.prototype, key, {
    configurable: true,
    get(this: ItemText) {
      this.layOut()
      return this.laidOut?.[key]
    },
    set(this: ItemText, v: unknown) {
      ;(this.laidOut ??= {})[key] = v
    },
  })
}

/** The node-type name react-konva creates ItemText by (see `src/canvas/konva.ts`). */
export const ITEM_TEXT = 'TesseraItemText'
;(Konva as unknown as Record<string, unknown>)[ITEM_TEXT] = ItemText
