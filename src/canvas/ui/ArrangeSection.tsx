import { runAction, type ActionContext } from '../actions'
import { ALIGN_OPS, type AlignOp } from '../arrange/alignOps'
import { shortcutFor } from '../keyboard'
import { PanelSection } from './PanelSection'

// 16×16 glyphs: a bar for the edge or centre line, two boxes lined up against it
const GLYPHS: Record<AlignOp | 'dx' | 'dy', string> = {
  left: 'M2 1v14M4 3h8v4H4zM4 9h5v4H4z',
  centerX: 'M8 1v14M3 3h10v4H3zM5 9h6v4H5z',
  right: 'M14 1v14M4 3h8v4H4zM7 9h5v4H7z',
  top: 'M1 2h14M3 4h4v8H3zM9 4h4v5H9z',
  centerY: 'M1 8h14M3 3h4v10H3zM9 5h4v6H9z',
  bottom: 'M1 14h14M3 4h4v8H3zM9 7h4v5H9z',
  dx: 'M1 2v12M15 2v12M5 4h2v8H5zM9 4h2v8H9z',
  dy: 'M2 1h12M2 15h12M4 5h8v2H4zM4 9h8v2H4z',
}

function Glyph({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.4} aria-hidden="true">
      <path d={d} />
    </svg>
  )
}

/** Align (2+ selected) and distribute (3+) buttons for the style panel. */
export function ArrangeSection({ ctx, count }: { ctx: ActionContext; count: number }) {
  if (count < 2) return null
  const btn = (action: string, glyph: string, label: string) => {
    const keys = shortcutFor(action)
    return (
      <button key={action} type="button" data-testid={action.replace('.', '-')} title={keys ? `${label} — ${keys}` : label} aria-label={label} onClick={() => runAction(action, ctx)}>
        <Glyph d={glyph} />
      </button>
    )
  }
  return (
    <PanelSection title="Align">
      <div className="tsr-segmented tsr-arrange">
        {ALIGN_OPS.map((op) => btn(`align.${op}`, GLYPHS[op], labelOf(op)))}
        {count >= 3 && btn('distribute.x', GLYPHS.dx, 'Distribute horizontally')}
        {count >= 3 && btn('distribute.y', GLYPHS.dy, 'Distribute vertically')}
      </div>
    </PanelSection>
  )
}

function labelOf(op: AlignOp): string {
  return { left: 'Align left', centerX: 'Align centres', right: 'Align right', top: 'Align top', centerY: 'Align middles', bottom: 'Align bottom' }[op]
}
