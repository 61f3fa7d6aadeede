import { useMemo } from 'react'
import { byMe } from '../state/editorStore'
import { updateItems, type Item } from '../../doc'
import { sceneModelFor } from '../items/sceneModel'
import type { ActionContext } from '../actions'
import { DRAWING_TOOLS } from '../actions/setTool'
import { setToolStyle } from '../tools/toolStyle'
import { useEditor, useItemsVersion, useToolStyle } from './hooks'
import { ArrangeSection } from './ArrangeSection'
import { patchFor, toolStyleFor, type StyleChoice } from './stylePatch'
import { DepthStyleSections } from './DepthStyleSections'
import { CropSection } from './CropSection'
import { PanelSection } from './PanelSection'

export const STROKES = ['#1e1e1e', '#868e96', '#e03131', '#f08c00', '#2f9e44', '#1971c2', '#6741d9', '#c2255c']
export const FILLS = ['transparent', '#ffffff', '#ffc9c9', '#ffd8a8', '#fff59d', '#b2f2bb', '#a5d8ff', '#d0bfff']
export const WIDTHS = [1, 2, 4, 8]
export const FONT_SIZES: { size: number; label: string }[] = [
  { size: 16, label: 'S' },
  { size: 24, label: 'M' },
  { size: 36, label: 'L' },
  { size: 56, label: 'XL' },
]

/** test id suffix of a colour: '#E03131' → 'e03131', 'transparent' stays */
export const colourId = (c: string) => c.replace('#', '').toLowerCase()

/**
 * Left-hand style panel, shown while something is selected or a drawing tool is active.
 * A choice restyles the whole selection in ONE updateItems (one undo step, one update on the
 * wire) and also becomes the style of the next shapes.
 */
export function StylePanel({ ctx }: { ctx: ActionContext }) {
  const selection = useEditor((s) => s.selection)
  const tool = useEditor((s) => s.tool)
  const readOnly = useEditor((s) => s.readOnly)
  const style = useToolStyle()
  const version = useItemsVersion(ctx.doc)
  // the scene model's validated snapshots: unchanged items are not validated again per change
  const model = sceneModelFor(ctx.doc)
  const items = useMemo(
    () => selection.map((id) => model.get(id)).filter((x): x is Item => x !== undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selection, model, version],
  )
  if (readOnly) return null
  const drawing = DRAWING_TOOLS.includes(tool)
  if (items.length === 0 && !drawing) return null

  const types = new Set(items.length > 0 ? items.map((i) => i.type) : [tool === 'pen' ? 'path' : tool])
  const has = (...t: string[]) => t.some((x) => types.has(x as Item['type']))
  const first = items[0]
  const cur = {
    stroke: first ? (first.type === 'text' ? first.fill : first.stroke) : style.stroke,
    fill: first ? first.fill : tool === 'sticky' ? style.stickyFill : style.fill,
    strokeWidth: first ? first.strokeWidth : style.strokeWidth,
    opacity: first ? first.opacity : style.opacity,
    fontSize: first?.fontSize ?? style.fontSize,
  }

  const apply = (c: StyleChoice) => {
    setToolStyle(ctx.store, toolStyleFor(c, tool === 'sticky' || (items.length > 0 && items.every((i) => i.type === 'sticky'))))
    const updates = items.flatMap((it) => {
      const patch = patchFor(it, c)
      return patch ? [{ id: it.id, patch }] : []
    })
    if (updates.length > 0) updateItems(ctx.doc, updates, byMe(ctx.store))
  }

  const showStroke = has('rect', 'ellipse', 'line', 'arrow', 'path', 'text')
  const showFill = has('rect', 'ellipse', 'sticky')
  const showWidth = has('rect', 'ellipse', 'line', 'arrow', 'path')
  const showFont = has('text', 'sticky') || items.some((i) => (i.type === 'rect' || i.type === 'ellipse') && !!i.text)

  return (
    <div className="tsr-panel tsr-style-panel" data-testid="style-panel" onPointerDown={(e) => e.stopPropagation()}>
      {showStroke && (
        <PanelSection title={has('text') && !has('rect', 'ellipse', 'line', 'arrow', 'path') ? 'Colour' : 'Stroke'}>
          <Swatches kind="stroke" colours={STROKES} current={cur.stroke} onPick={(v) => apply({ kind: 'stroke', value: v })} />
        </PanelSection>
      )}
      {showFill && (
        <PanelSection title={has('sticky') && !has('rect', 'ellipse') ? 'Note colour' : 'Fill'}>
          <Swatches kind="fill" colours={has('rect', 'ellipse') ? FILLS : FILLS.slice(1)} current={cur.fill} onPick={(v) => apply({ kind: 'fill', value: v })} />
        </PanelSection>
      )}
      {showWidth && (
        <PanelSection title="Stroke width">
          <div className="tsr-segmented">
            {WIDTHS.map((w) => (
              <button
                key={w}
                type="button"
                data-testid={`style-width-${w}`}
                aria-pressed={cur.strokeWidth === w}
                title={`${w}px`}
                onClick={() => apply({ kind: 'strokeWidth', value: w })}
              >
                <svg width="22" height="14" aria-hidden="true">
                  <line x1="3" y1="7" x2="19" y2="7" stroke="currentColor" strokeWidth={Math.min(w, 7)} strokeLinecap="round" />
                </svg>
              </button>
            ))}
          </div>
        </PanelSection>
      )}
      {showFont && (
        <PanelSection title="Font size">
          <div className="tsr-segmented">
            {FONT_SIZES.map(({ size, label }) => (
              <button key={size} type="button" data-testid={`style-font-${size}`} aria-pressed={cur.fontSize === size} title={`${size}px`} onClick={() => apply({ kind: 'fontSize', value: size })}>
                {label}
              </button>
            ))}
          </div>
        </PanelSection>
      )}
      <DepthStyleSections items={items} apply={apply} drawing={items.length === 0 ? ([...types][0] as Item['type']) : null} look={style.look} />
      <PanelSection title={`Opacity ${Math.round(cur.opacity * 100)}%`}>
        <input
          type="range"
          className="tsr-range"
          data-testid="style-opacity"
          min={10}
          max={100}
          step={10}
          value={Math.round(cur.opacity * 100)}
          onChange={(e) => apply({ kind: 'opacity', value: Number(e.currentTarget.value) / 100 })}
        />
      </PanelSection>
      <CropSection ctx={ctx} items={items} />
      <ArrangeSection ctx={ctx} count={items.length} />
    </div>
  )
}

function Swatches({ kind, colours, current, onPick }: { kind: 'stroke' | 'fill'; colours: string[]; current: string; onPick: (c: string) => void }) {
  const custom = !colours.some((c) => c.toLowerCase() === current.toLowerCase())
  return (
    <div className="tsr-swatches">
      {colours.map((c) => (
        <button
          key={c}
          type="button"
          className={`tsr-swatch${c === 'transparent' ? ' tsr-swatch-none' : ''}`}
          data-testid={`style-${kind}-${colourId(c)}`}
          aria-pressed={c.toLowerCase() === current.toLowerCase()}
          aria-label={`${kind} ${c}`}
          title={c === 'transparent' ? 'None' : c}
          style={{ '--swatch': c } as React.CSSProperties}
          onClick={() => onPick(c)}
        />
      ))}
      <label className="tsr-swatch tsr-swatch-custom" title="Custom colour" aria-pressed={custom}>
        <input
          type="color"
          data-testid={`style-${kind}-custom`}
          value={/^#[0-9a-f]{6}$/i.test(current) ? current : '#000000'}
          onChange={(e) => onPick(e.currentTarget.value)}
        />
      </label>
    </div>
  )
}
