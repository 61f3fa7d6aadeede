// The ☰ menu's Import: a Tessera scene, or an Excalidraw / tldraw file whose embedded images are
// uploaded to the room's assets first (the image tool's upload, CONTRACT §7: size limit, type
// from the bytes, editors only), each distinct file once. Then everything is written in ONE
// transaction — one undo step — with the image items pointing at the returned asset ids. An image
// that could not be uploaded is left out and counted in the one-line report; the rest still
// imports. Loaded on demand, with the other file actions (ui/menuFiles.ts).
import type * as Y from 'yjs'
import type { Result } from '../../doc'
import { convertForeign, isForeignScene, writeForeign, type EmbeddedImage, type Upload } from '../../doc/import'
import { importSceneText } from './json'

export interface ImportOutcome {
  items: number
  pages: number
  skipped?: string
  source?: string
}

export interface ImportDeps {
  doc: Y.Doc
  pageId: string
  /** uploads one image file; resolves to the asset id or a few words on why not */
  upload(file: Blob): Promise<Upload>
  /** called once, before the uploads start, when there are images to upload */
  onUploading?(count: number): void
  /** wraps the write so it is its own undo step */
  asOneStep<T>(write: () => T): T
}

/** Imports the text of a picked file. Errors carry a message fit for the user. */
export async function importFileText(text: string, deps: ImportDeps): Promise<Result<ImportOutcome>> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return deps.asOneStep(() => importSceneText(deps.doc, text, deps.pageId))
  }
  if (!isForeignScene(raw)) return deps.asOneStep(() => importSceneText(deps.doc, text, deps.pageId))
  const c = convertForeign(raw, deps.pageId)
  if (!c.ok) return c
  if (c.value.images.length > 0) deps.onUploading?.(c.value.images.length)
  const uploads = await uploadAll(c.value.images, deps.upload)
  return deps.asOneStep(() => writeForeign(deps.doc, c.value, uploads))
}

/** Uploads each file (two at a time); a failure is a result, never a throw. */
async function uploadAll(files: readonly EmbeddedImage[], upload: ImportDeps['upload']): Promise<Map<string, Upload>> {
  const out = new Map<string, Upload>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const f = files[next++]!
      const blob = new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mimeType })
      out.set(f.key, await upload(blob).catch((): Upload => ({ ok: false, reason: 'offline' })))
    }
  }
  await Promise.all([worker(), worker()])
  return out
}
