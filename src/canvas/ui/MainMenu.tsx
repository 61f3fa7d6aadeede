import { useEffect, useRef } from 'react'
import { runAction, type ActionContext } from '../actions'
import { shortcutFor } from '../keyboard'
import { useTheme } from '../theme/useTheme'
import { useBoard } from '../board/BoardContext'
import { useEditor } from './hooks'
import { ICONS } from './icons'
import type { MenuFileEnv } from './menuFiles'

/** The exporters and importers: a chunk of their own, fetched when the menu first opens. */
const menuFiles = () => import('./menuFiles')

export interface Notify {
  (message: string, kind?: 'info' | 'error'): void
}

/** The ☰ menu: export PNG/SVG (selection or page), export/import JSON of the whole scene. */
export function MainMenu({ ctx, room, open, setOpen, notify }: { ctx: ActionContext; room: string; open: boolean; setOpen: (v: boolean) => void; notify: Notify }) {
  const readOnly = useEditor((s) => s.readOnly)
  const { conn } = useBoard()
  const theme = useTheme()
  const hasSel = useEditor((s) => s.selection.length > 0)
  const fileInput = useRef<HTMLInputElement>(null)
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onDown, true)
    return () => document.removeEventListener('pointerdown', onDown, true)
  }, [open, setOpen])

  useEffect(() => {
    if (open) void menuFiles().catch(() => undefined)
  }, [open])

  const env = (): MenuFileEnv => ({ ctx, conn, room, notify })
  const run = (f: () => void | Promise<void>, failure: string) => () => {
    setOpen(false)
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => notify(`${failure}: ${e instanceof Error ? e.message : String(e)}`, 'error'))
  }
  const png = run(async () => (await menuFiles()).exportPngFile(env()), 'Export failed')
  const svg = run(async () => (await menuFiles()).exportSvgFile(env()), 'Export failed')
  const json = run(async () => (await menuFiles()).exportJsonFile(env()), 'Export failed')
  const onFile = (file: File | undefined) => {
    if (file) run(async () => (await menuFiles()).importFile(env(), file), 'Import failed')()
  }

  const what = hasSel ? 'selection' : 'page'
  return (
    <div className="tsr-menu-root" ref={root}>
      <button type="button" className="tsr-icon-btn" data-testid="menu-button" aria-haspopup="menu" aria-expanded={open} title="Menu" aria-label="Menu" onClick={() => setOpen(!open)}>
        {ICONS.menu}
      </button>
      {open && (
        <div className="tsr-panel tsr-menu" role="menu">
          <button type="button" role="menuitem" data-testid="menu-export-png" onClick={png}>
            {ICONS.download} Export {what} as PNG
          </button>
          <button type="button" role="menuitem" data-testid="menu-export-svg" onClick={svg}>
            {ICONS.download} Export {what} as SVG
          </button>
          <div className="tsr-menu-sep" />
          {/* the app's History panel listens for this event (the editor does not import the app) */}
          <button type="button" role="menuitem" data-testid="menu-history" onClick={() => (setOpen(false), window.dispatchEvent(new Event('tessera:open-history')))}>
            🕘 History… <span style={{ opacity: 0.6, marginLeft: 'auto' }}>Ctrl+Shift+H</span>
          </button>
          <button type="button" role="menuitem" data-testid="menu-export-json" onClick={json}>
            {ICONS.download} Export board as JSON
          </button>
          {!readOnly && (
            <button type="button" role="menuitem" data-testid="menu-import-json" onClick={() => fileInput.current?.click()}>
              {ICONS.upload} Import (Tessera, Excalidraw, tldraw)…
            </button>
          )}
          <button type="button" role="menuitem" data-testid="menu-theme" onClick={() => runAction('toggleTheme', ctx)}>
            {theme === 'dark' ? ICONS.sun : ICONS.moon} {theme === 'dark' ? 'Light theme' : 'Dark theme'} <kbd className="tsr-menu-key">{shortcutFor('toggleTheme')}</kbd>
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,.excalidraw,.tldr,application/json"
        data-testid="import-file-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0]
          e.currentTarget.value = ''
          setOpen(false)
          onFile(f)
        }}
      />
    </div>
  )
}
