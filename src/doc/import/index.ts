// Import from the tools people leave (issue 17): Excalidraw and tldraw files are converted to a
// Tessera scene and merged in through importScene — validated first, written in ONE transaction
// (one undo step, nothing half-imported) — with a one-line note of what did not map. Embedded
// images are uploaded by the caller between converting and writing (convertForeign, then
// writeForeign with the uploads); an image whose upload failed is left out and counted, the rest
// of the file is still written in its one transaction.
import type * as Y from 'yjs'
import { importScene } from '../sceneJson'
import { fail, ok, type Result } from '../schema'
import { skippedLine, SkipTally, type Converted } from './common'
import { convertExcalidraw, isExcalidrawFile } from './excalidraw'
import { placeImages, type Upload } from './images'
import { convertTldraw, isTldrawFile } from './tldraw'

export { convertExcalidraw, isExcalidrawFile } from './excalidraw'
export { convertTldraw, isTldrawFile } from './tldraw'
export { skippedLine } from './common'
export { decodeDataUrl, sniffImage, type EmbeddedImage, type ImageMime, type Upload } from './images'

export type ForeignSource = 'excalidraw' | 'tldraw'

export interface ForeignImport {
  source: ForeignSource
  items: number
  pages: number
  /** "2 images, 1 embed", or '' when everything mapped */
  skipped: string
}

/** A converted foreign file, not written yet: its `images` are to be uploaded first. */
export interface ForeignConverted extends Converted {
  source: ForeignSource
}

/** Whether a parsed JSON value is an Excalidraw or tldraw file (so JSON import hands it here). */
export function isForeignScene(v: unknown): boolean {
  return isExcalidrawFile(v) || isTldrawFile(v)
}

/** Converts an Excalidraw or tldraw file (parsed JSON) for page `pageId`. Pure; never throws. */
export function convertForeign(v: unknown, pageId: string): Result<ForeignConverted> {
  const source = isExcalidrawFile(v) ? 'excalidraw' : isTldrawFile(v) ? 'tldraw' : null
  if (!source) return fail('unknown_format', 'not an Excalidraw or tldraw file')
  const c: Result<Converted> = source === 'excalidraw' ? convertExcalidraw(v, pageId) : convertTldraw(v, pageId)
  return c.ok ? ok({ ...c.value, source }) : c
}

/**
 * Writes a converted file in one transaction, its image items pointing at the uploaded assets;
 * images without a successful upload are left out and counted ("1 image not uploaded (too large)").
 */
export function writeForeign(doc: Y.Doc, c: ForeignConverted, uploads: ReadonlyMap<string, Upload>): Result<ForeignImport> {
  const skip = new SkipTally(c.skipped)
  const scene = placeImages(c.scene, uploads, skip)
  const r = importScene(doc, scene, 'merge')
  if (!r.ok) return fail(r.code, `${c.source === 'excalidraw' ? 'Excalidraw' : 'tldraw'} file could not be imported: ${r.message}`)
  return ok({ source: c.source, items: r.value.items, pages: r.value.pages, skipped: skippedLine(skip.counts) })
}

/** Converts and merges an Excalidraw or tldraw file onto page `pageId`; images only with `uploads`. */
export function importForeign(doc: Y.Doc, v: unknown, pageId: string, uploads: ReadonlyMap<string, Upload> = new Map()): Result<ForeignImport> {
  const c = convertForeign(v, pageId)
  return c.ok ? writeForeign(doc, c.value, uploads) : c
}
