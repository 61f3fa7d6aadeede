// Import from the tools people leave (issue 17): Excalidraw and tldraw files are converted to a
// Tessera scene and merged in through importScene — validated first, written in ONE transaction
// (one undo step, nothing half-imported) — with a one-line note of what did not map.
import type * as Y from 'yjs'
import { importScene } from '../sceneJson'
import { fail, ok, type Result } from '../schema'
import { skippedLine, type Converted } from './common'
import { convertExcalidraw, isExcalidrawFile } from './excalidraw'
import { convertTldraw, isTldrawFile } from './tldraw'

export { convertExcalidraw, isExcalidrawFile } from './excalidraw'
export { convertTldraw, isTldrawFile } from './tldraw'
export { skippedLine } from './common'

export interface ForeignImport {
  source: 'excalidraw' | 'tldraw'
  items: number
  pages: number
  /** "2 images, 1 embed", or '' when everything mapped */
  skipped: string
}

/** Whether a parsed JSON value is an Excalidraw or tldraw file (so JSON import hands it here). */
export function isForeignScene(v: unknown): boolean {
  return isExcalidrawFile(v) || isTldrawFile(v)
}

/** Converts and merges an Excalidraw or tldraw file (parsed JSON) onto page `pageId`. */
export function importForeign(doc: Y.Doc, v: unknown, pageId: string): Result<ForeignImport> {
  const source = isExcalidrawFile(v) ? 'excalidraw' : isTldrawFile(v) ? 'tldraw' : null
  if (!source) return fail('unknown_format', 'not an Excalidraw or tldraw file')
  const c: Result<Converted> = source === 'excalidraw' ? convertExcalidraw(v, pageId) : convertTldraw(v, pageId)
  if (!c.ok) return c
  const r = importScene(doc, c.value.scene, 'merge')
  if (!r.ok) return fail(r.code, `${source === 'excalidraw' ? 'Excalidraw' : 'tldraw'} file could not be imported: ${r.message}`)
  return ok({ source, items: r.value.items, pages: r.value.pages, skipped: skippedLine(c.value.skipped) })
}
