import type { CSSProperties } from 'react'

/** Shared look of the presence overlay: light floating panels like the rest of the editor chrome. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export const panel: CSSProperties = {
  // the variables let an embedded board's theme recolour the panels (editor.css, .tsr-board)
  background: 'var(--tsr-panel-bg, #ffffff)',
  border: '1px solid var(--tsr-panel-border, #dee2e6)',
  borderRadius: 10,
  boxShadow: '0 2px 8px rgba(0,0,0,0.08), 0 8px 24px rgba(0,0,0,0.06)',
  fontFamily: FONT,
  fontSize: 13,
  color: 'var(--tsr-panel-fg, #212529)',
  pointerEvents: 'auto',
}

export const button: CSSProperties = {
  font: 'inherit',
  fontSize: 12,
  fontWeight: 600,
  border: '1px solid #ced4da',
  background: '#fff',
  color: '#212529',
  borderRadius: 6,
  padding: '3px 10px',
  cursor: 'pointer',
}
