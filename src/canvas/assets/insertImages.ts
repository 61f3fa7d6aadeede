// Loaded on demand, with the first image pasted, dropped or picked (ImageInput).
import { addItems } from '../../doc'
import type { RoomConnection } from '../../room/connectRoom'
import type { ActionContext } from '../actions'
import { byMe } from '../state/editorStore'
import { postToast } from '../ui/Toast'
import { uploadImage } from './assets'

/** The natural size of an image file, scaled down to fit `max` scene units. */
async function fittedSize(file: Blob, max = 480): Promise<{ width: number; height: number }> {
  const bmp = await createImageBitmap(file)
  const s = Math.min(1, max / Math.max(bmp.width, bmp.height))
  const size = { width: Math.max(1, Math.round(bmp.width * s)), height: Math.max(1, Math.round(bmp.height * s)) }
  bmp.close()
  return size
}

/**
 * Uploads image files to the room and adds them as image items centred at `at` (the pointer, or
 * the middle of the view), side by side, all in one addItems: one undo step. A viewer cannot add
 * images; a refused upload says why and adds nothing.
 */
export async function insertImages(ctx: ActionContext, conn: RoomConnection, files: File[], at?: { x: number; y: number }): Promise<string[]> {
  const { store } = ctx
  if (files.length === 0) return []
  if (store.get().readOnly) {
    postToast(store, 'View only: images cannot be added to this board.', 'error')
    return []
  }
  const placed: { assetId: string; width: number; height: number }[] = []
  for (const f of files) {
    const up = await uploadImage(conn, f)
    if (!up.ok) {
      postToast(store, up.message, 'error')
      continue
    }
    const size = await fittedSize(f).catch(() => ({ width: 320, height: 240 }))
    placed.push({ assetId: up.assetId, ...size })
  }
  if (placed.length === 0) return []
  const s = store.get()
  const centre = at ?? s.pointer ?? { x: s.camera.x, y: s.camera.y }
  const gap = 16
  const total = placed.reduce((w, p) => w + p.width, 0) + gap * (placed.length - 1)
  let x = centre.x - total / 2
  const inits = placed.map((p) => {
    const init = { type: 'image' as const, image: p.assetId, pageId: s.pageId, x, y: centre.y - p.height / 2, width: p.width, height: p.height }
    x += p.width + gap
    return init
  })
  ctx.undo.stopCapturing()
  const r = addItems(ctx.doc, inits, byMe(store))
  ctx.undo.stopCapturing()
  if (!r.ok) {
    postToast(store, `The image was not added: ${r.message}`, 'error')
    return []
  }
  store.setSelection(r.value)
  return r.value
}
