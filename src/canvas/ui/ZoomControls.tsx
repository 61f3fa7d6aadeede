import { runAction, type ActionContext } from '../actions'
import { shortcutFor } from '../keyboard'
import type { EditorSnapshot } from '../state/editorStore'
import { useEditorThrottled } from './hooks'
import { ICONS } from './icons'

const zoomPercent = (s: EditorSnapshot) => Math.round(s.camera.zoom * 100)

/** Bottom-left zoom: out, percentage (click = 100%), in, fit. */
export function ZoomControls({ ctx }: { ctx: ActionContext }) {
  // a readout: during a continuous zoom, ten updates a second are plenty and spare the frames
  const percent = useEditorThrottled(zoomPercent, 100)
  return (
    <div className="tsr-panel tsr-row" data-testid="zoom-controls">
      <button type="button" className="tsr-icon-btn" data-testid="zoom-out" title="Zoom out" aria-label="Zoom out" onClick={() => runAction('zoomOut', ctx)}>
        {ICONS.minus}
      </button>
      <button type="button" className="tsr-text-btn tsr-zoom-pct" data-testid="zoom-reset" title="Reset zoom to 100%" onClick={() => runAction('zoomReset', ctx)}>
        {percent}%
      </button>
      <button type="button" className="tsr-icon-btn" data-testid="zoom-in" title="Zoom in" aria-label="Zoom in" onClick={() => runAction('zoomIn', ctx)}>
        {ICONS.plus}
      </button>
      <button type="button" className="tsr-icon-btn" data-testid="zoom-fit" title={`Zoom to fit — ${shortcutFor('zoomToFit')}`} aria-label="Zoom to fit" onClick={() => runAction('zoomToFit', ctx)}>
        {ICONS.fit}
      </button>
    </div>
  )
}
