import type { ReactNode } from 'react'

/** One titled section of the style panel (colours, stroke, text, arrange…). */
export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="tsr-section">
      <div className="tsr-section-title">{title}</div>
      {children}
    </div>
  )
}
