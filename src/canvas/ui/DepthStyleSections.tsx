import { ALIGNS, ARROWHEAD_KINDS, DASHES, FONTS, ITEM_STYLES, type Item, type ItemStyle, type ItemType } from '../../doc'
import { arrowheadsOf } from '../shapes/linearPaint'
import { fontFamilyOf } from '../shapes/style'
import { sketchable, type StyleChoice } from './stylePatch'
import { PanelSection } from './PanelSection'

const FONT_LABELS = { sans: 'Sans', serif: 'Serif', mono: 'Mono', hand: 'Hand' } as const
const HEAD_LABELS = { none: '—', arrow: '➝', dot: '●', bar: '|' } as const
const ALIGN_LABELS = { left: 'Left', center: 'Centre', right: 'Right' } as const
const LOOK_LABELS = { clean: 'Clean', sketch: 'Sketch' } as const

/**
 * Style-panel sections for bound arrows and labels: arrowheads at either end and dash for lines
 * and arrows (and dash for shapes), font and alignment for texts and labelled shapes, and the
 * look (clean or hand-drawn sketch) of shapes, lines and arrows. With nothing selected and a
 * drawing tool active (`drawing`: the type it makes) only the look is offered, for the next shapes.
 */
export function DepthStyleSections({
  items,
  apply,
  drawing,
  look,
}: {
  items: readonly Item[]
  apply: (c: StyleChoice) => void
  drawing: ItemType | null
  look: ItemStyle
}) {
  if (items.length === 0) return drawing && sketchable(drawing) ? <LookSection current={look} apply={apply} /> : null
  const first = items[0]!
  const linear = items.filter((i) => i.type === 'line' || i.type === 'arrow')
  const dashable = items.filter((i) => i.type !== 'text' && i.type !== 'group' && i.type !== 'sticky')
  const texty = items.filter((i) => i.type === 'text' || i.type === 'sticky' || i.type === 'rect' || i.type === 'ellipse' || i.type === 'frame')
  const heads = linear[0] ? arrowheadsOf(linear[0]) : null
  const sketchy = items.filter((i) => sketchable(i.type))
  return (
    <>
      {sketchy.length > 0 && <LookSection current={sketchy[0]!.style ?? 'clean'} apply={apply} />}
      {heads && (
        <PanelSection title="Arrowheads">
          {(['start', 'end'] as const).map((end) => (
            <div key={end} className="tsr-segmented" aria-label={`${end} arrowhead`}>
              {ARROWHEAD_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  data-testid={`style-head-${end}-${k}`}
                  aria-pressed={heads[end] === k}
                  title={`${end === 'start' ? 'Start' : 'End'}: ${k}`}
                  onClick={() => apply({ kind: 'arrowhead', end, value: k })}
                >
                  {HEAD_LABELS[k]}
                </button>
              ))}
            </div>
          ))}
        </PanelSection>
      )}
      {dashable.length > 0 && (
        <PanelSection title="Line style">
          <div className="tsr-segmented">
            {DASHES.map((d) => (
              <button key={d} type="button" data-testid={`style-dash-${d}`} aria-pressed={(dashable[0]!.dash ?? 'solid') === d} title={d} onClick={() => apply({ kind: 'dash', value: d })}>
                <svg width="22" height="14" aria-hidden="true">
                  <line x1="3" y1="7" x2="19" y2="7" stroke="currentColor" strokeWidth={2} strokeDasharray={d === 'dashed' ? '5 3' : d === 'dotted' ? '1 3' : undefined} strokeLinecap="round" />
                </svg>
              </button>
            ))}
          </div>
        </PanelSection>
      )}
      {texty.length > 0 && (
        <>
          <PanelSection title="Font">
            <div className="tsr-segmented">
              {FONTS.map((f) => (
                <button key={f} type="button" data-testid={`style-family-${f}`} aria-pressed={(texty[0]!.font ?? 'sans') === f} style={{ fontFamily: fontFamilyOf(f) }} onClick={() => apply({ kind: 'font', value: f })}>
                  {FONT_LABELS[f]}
                </button>
              ))}
            </div>
          </PanelSection>
          {first.type !== 'frame' && (
            <PanelSection title="Align">
              <div className="tsr-segmented">
                {ALIGNS.map((a) => (
                  <button key={a} type="button" data-testid={`style-align-${a}`} aria-pressed={(texty[0]!.align ?? (texty[0]!.type === 'rect' || texty[0]!.type === 'ellipse' ? 'center' : 'left')) === a} onClick={() => apply({ kind: 'align', value: a })}>
                    {ALIGN_LABELS[a]}
                  </button>
                ))}
              </div>
            </PanelSection>
          )}
        </>
      )}
    </>
  )
}

function LookSection({ current, apply }: { current: ItemStyle; apply: (c: StyleChoice) => void }) {
  return (
    <PanelSection title="Look">
      <div className="tsr-segmented">
        {ITEM_STYLES.map((s) => (
          <button
            key={s}
            type="button"
            data-testid={`style-look-${s}`}
            aria-pressed={current === s}
            title={s === 'sketch' ? 'Hand-drawn' : 'Clean lines'}
            style={s === 'sketch' ? { fontFamily: fontFamilyOf('hand') } : undefined}
            onClick={() => apply({ kind: 'look', value: s })}
          >
            {LOOK_LABELS[s]}
          </button>
        ))}
      </div>
    </PanelSection>
  )
}

