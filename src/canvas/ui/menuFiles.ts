import { getTitle } from '../../doc'
import type { RoomConnection } from '../../room/connectRoom'
import type { ActionContext } from '../actions'
import { loadAssetBlob, uploadImage } from '../assets/assets'
import { downloadBlob, fileSlug } from '../export/download'
import { embeddedAssets } from '../export/embedAssets'
import { importFileText } from '../export/importFile'
import { sceneJsonText } from '../export/json'
import { exportPng } from '../export/png'
import { exportItems } from '../export/scope'
import { exportSvg } from '../export/svg'
import { importErrorText } from './importError'

/**
 * What the ☰ menu's file items do: export PNG/SVG (selection or page), export the board as JSON,
 * import a Tessera, Excalidraw or tldraw file. Its own chunk, with the exporters, the importers
 * and the hand-drawn renderer they use (MainMenu loads it when the menu opens): few visits to a
 * board export or import anything.
 */
export interface MenuFileEnv {
  ctx: ActionContext
  conn: RoomConnection
  room: string
  notify: (message: string, kind?: 'info' | 'error') => void
}

function baseName({ ctx, room }: MenuFileEnv): string {
  return fileSlug(getTitle(ctx.doc) || room)
}

export async function exportPngFile(env: MenuFileEnv): Promise<void> {
  const { items, scope } = exportItems(env.ctx.doc, env.ctx.store.get())
  if (items.length === 0) return env.notify('Nothing to export on this page')
  const assetHref = await embeddedAssets(items, (id) => loadAssetBlob(env.conn, id))
  downloadBlob(await exportPng(items, { assetHref }), `${baseName(env)}${scope === 'selection' ? '-selection' : ''}.png`)
}

export async function exportSvgFile(env: MenuFileEnv): Promise<void> {
  const { items, scope } = exportItems(env.ctx.doc, env.ctx.store.get())
  if (items.length === 0) return env.notify('Nothing to export on this page')
  const assetHref = await embeddedAssets(items, (id) => loadAssetBlob(env.conn, id))
  downloadBlob(new Blob([exportSvg(items, { assetHref }).svg], { type: 'image/svg+xml' }), `${baseName(env)}${scope === 'selection' ? '-selection' : ''}.svg`)
}

export function exportJsonFile(env: MenuFileEnv): void {
  downloadBlob(new Blob([sceneJsonText(env.ctx.doc)], { type: 'application/json' }), `${baseName(env)}.tessera.json`)
}

export async function importFile(env: MenuFileEnv, file: File): Promise<void> {
  const { ctx, conn, notify } = env
  // the menu item is hidden for viewers; a file fed to the input anyway is refused, so nothing
  // lands in the viewer's local copy (it would stay there across reloads, never synced)
  if (ctx.store.get().readOnly) return notify('This board is view-only: nothing was imported', 'error')
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
