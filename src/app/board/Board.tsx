import { Stage } from '../../canvas/Stage'
import { EditorUI } from '../../canvas/ui/EditorUI'
import { PresenceUI } from '../../canvas/presence/PresenceUI'
import { BoardHeader } from '../share/BoardHeader'
import { themeAttr, useTheme } from '../../canvas/theme/useTheme'
import { HistoryPanel } from '../history/HistoryPanel'

/** The board screen: the full-window canvas with the HTML overlays above it. */
export function Board({ onRendered }: { onRendered?: (count: number) => void }) {
  const theme = useTheme()
  return (
    <div {...themeAttr(theme)} style={{ position: 'fixed', inset: 0, overflow: 'hidden', fontFamily: 'system-ui, sans-serif' }}>
      <Stage onRendered={onRendered} />
      <EditorUI />
      <PresenceUI />
      <BoardHeader />
      <HistoryPanel />
    </div>
  )
}
