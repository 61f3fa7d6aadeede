import { importErrorText } from './importError'
import { useEffect, useRef } from 'react'
import { getTitle } from '../../doc'
import { runAction, type ActionContext } from '../actions'
import { shortcutFor } from '../keyboard'
import { useTheme } from '../theme/useTheme'
import { downloadBlob, fileSlug } from '../export/download'
import { sceneJsonText } from '../export/json'
import { exportPng } from '../export/png'
import { exportItems } from '../export/scope'
import { exportSvg } from '../export/svg'
import { embeddedAssets } from '../export/embedAssets'
import { loadAssetBlob, uploadImage } from '../assets/assets'
import { useBoard } from '../board/BoardContext'
import { useEditor } from './hooks'
import { ICONS } from './icons'

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

  const base = () => fileSlug(getTitle(ctx.doc) || room)
  const scopeOf = () => exportItems(ctx.doc, ctx.store.get())
  const run = (f: () => void | Promise<void>) => () => {
    setOpen(false)
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => notify(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error'))
  }

  const png = run(async () => {
    const { items, scope } = scopeOf()
    if (items.length === 0) return notify('Nothing to export on this page')
    downloadBlob(await exportPng(items, { assetHref: await embeddedAssets(items, (id) => loadAssetBlob(conn, id)) }), `${base()}${scope === 'selection' ? '-selection' : ''}.png`)
  })
  const svg = run(async () => {
    const { items, scope } = scopeOf()
    if (items.length === 0) return notify('Nothing to export on this page')
    const assetHref = await embeddedAssets(items, (id) => loadAssetBlob(conn, id))
    downloadBlob(new Blob([exportSvg(items, { assetHref }).svg], { type: 'image/svg+xml' }), `${base()}${scope === 'selection' ? '-selection' : ''}.svg`)
  })
  const json = run(() => downloadBlob(new Blob([sceneJsonText(ctx.doc)], { type: 'application/json' }), `${base()}.tessera.json`))

  const onFile = async (file: File | undefined) => {
    if (!file) return
    // the menu item is hidden for viewers; a file fed to the input anyway is refused, so nothing
    // lands in the viewer's local copy (it would stay there across reloads, never synced)
    if (ctx.store.get().readOnly) return notify('This board is view-only: nothing was imported', 'error')
    const { importFileText } = await import('../export/importFile')
    const r = await importFileText(await file.text(), {
      doc: ctx.doc,
      pageId: ctx.store.get().pageId,
      upload: async (blob) => {
        if (ctx.store.get().readOnly) return { ok: false, reason: 'view only' }
        const up = await uploadImage(conn, blob)
        return up.ok ? up : { ok: false, reason: up.reason }
      },
      onUploading: (n) => notify(`Importing: uploading ${n} image${n === 1 ? '' : 's'}…`),
      asOneStep: (write) => {
        ctx.undo.stopCapturing()
        const out = write()
        ctx.undo.stopCapturing()
        return out
      },
    })
    if (r.ok && r.value.source)
      notify(`Imported ${r.value.items} item${r.value.items === 1 ? '' : 's'} from ${r.value.source === 'excalidraw' ? 'Excalidraw' : 'tldraw'}${r.value.skipped ? `; skipped ${r.value.skipped}` : ''}`)
    else if (r.ok) notify(`Imported ${r.value.items} item${r.value.items === 1 ? '' : 's'} on ${r.value.pages} page${r.value.pages === 1 ? '' : 's'}`)
    else notify(importErrorText(file.name, r.message), 'error')
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
          void onFile(f)
        }}
      />
    </div>
  )
}
