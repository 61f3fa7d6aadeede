import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react'
import { useBoard } from '../board/BoardContext'
import type { UiHooks } from '../actions'
import { runAction } from '../actions'
import { shortcutFor } from '../keyboard'
import './editor.css'
import './phone.css'
import '../theme/theme.css'
import { themeAttr, useTheme } from '../theme/useTheme'
import { EditedByHint } from './EditedByHint'
import { EmptyHint } from './EmptyHint'
import { ImageInput } from './ImageInput'
import { useActionContext } from './hooks'
import { ICONS } from './icons'
import { MainMenu } from './MainMenu'
import { PageSwitcher } from './PageSwitcher'
import { TextEditor } from './TextEditor'
import { Toast, useToast } from './Toast'
import { Toolbar } from './Toolbar'
import { UndoRedo } from './UndoRedo'
import { useShortcuts } from './useShortcuts'
import { useFirstIdle } from '../useFirstIdle'
import { ZoomControls } from './ZoomControls'
import { retryImport } from '../retryImport'

// the style panel (shown with a selection or a drawing tool) is a chunk fetched at the first idle
// moment after mount, and the shortcut list one fetched when help first opens
const StylePanel = lazy(() => retryImport(() => import('./StylePanel').then((m) => ({ default: m.StylePanel }))))
const HelpOverlay = lazy(() => retryImport(() => import('./HelpOverlay').then((m) => ({ default: m.HelpOverlay }))))

/**
 * The editor's HTML overlay above the stage: tool bar (top centre), style panel (left), zoom,
 * undo/redo and help (bottom left), pages (bottom centre), the ☰ menu with export/import,
 * the inline text editor, and the keyboard/clipboard wiring. Panels take pointer events; the
 * rest of the overlay lets them through to the canvas.
 */
export function EditorUI() {
  const { conn } = useBoard()
  const [helpOpen, setHelpOpen] = useState(false)
  const [menuOpen, setMenuOpen] = useState(false)
  const { toast, notify, dismiss } = useToast()
  // refs mirror the open flags so Escape can tell synchronously whether it closed something
  const open = useRef({ help: false, menu: false })
  open.current = { help: helpOpen, menu: menuOpen }
  const ui = useMemo<UiHooks>(
    () => ({
      toggleHelp: () => setHelpOpen((v) => !v),
      closeOverlays: () => {
        const closed = open.current.help || open.current.menu
        setHelpOpen(false)
        setMenuOpen(false)
        return closed
      },
    }),
    [],
  )
  const ctx = useActionContext(ui)
  // a board file dropped on the canvas is imported as ☰ → Import does (same chunk, same report)
  const onSceneFile = useCallback(
    (file: File) =>
      void import('./menuFiles')
        .then((m) => m.importFile({ ctx, conn, room: conn.room, notify }, file))
        .catch((e: unknown) => notify(`Import failed: ${e instanceof Error ? e.message : String(e)}`, 'error')),
    [ctx, conn, notify],
  )
  const theme = useTheme()
  const idle = useFirstIdle()
  useShortcuts(ctx)

  return (
    <div className="tsr-ui" {...themeAttr(theme)}>
      <TextEditor ctx={ctx} />
      <EditedByHint />
      <EmptyHint />
      <div className="tsr-top-centre">
        <Toolbar ctx={ctx} menu={<><ImageInput ctx={ctx} onSceneFile={onSceneFile} /><MainMenu ctx={ctx} room={conn.room} open={menuOpen} setOpen={setMenuOpen} notify={notify} /></>} />
      </div>
      {idle && (
        <Suspense fallback={null}>
          <StylePanel ctx={ctx} />
        </Suspense>
      )}
      <div className="tsr-bottom-left">
        <ZoomControls ctx={ctx} />
        <UndoRedo ctx={ctx} />
        <div className="tsr-panel tsr-row">
          <button type="button" className="tsr-icon-btn" data-testid="help-button" title={`Keyboard shortcuts — ${shortcutFor('toggleHelp')}`} aria-label="Keyboard shortcuts" onClick={() => runAction('toggleHelp', ctx)}>
            {ICONS.help}
          </button>
        </div>
      </div>
      <div className="tsr-bottom-centre">
        {toast && <Toast toast={toast} onDismiss={dismiss} />}
        <PageSwitcher ctx={ctx} />
      </div>
      {helpOpen && (
        <Suspense fallback={null}>
          <HelpOverlay onClose={() => setHelpOpen(false)} />
        </Suspense>
      )}
    </div>
  )
}
