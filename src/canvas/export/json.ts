import * as Y from 'yjs'
import { type Result } from '../../doc'
import { exportScene, importScene, parseScene } from '../../doc/sceneJson'
import { importForeign, isForeignScene } from '../../doc/import'

/** The whole scene (every page) as pretty JSON text. */
export function sceneJsonText(doc: Y.Doc): string {
  return JSON.stringify(exportScene(doc), null, 2)
}

/**
 * Imports scene JSON text, merging it into the board (one transaction, so one undo step).
 * Errors carry a message fit for the user: bad JSON, wrong format, or the first invalid field.
 */
export function importSceneText(doc: Y.Doc, text: string, pageId?: string): Result<{ items: number; pages: number; skipped?: string; source?: string }> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { ok: false, code: 'invalid_json', message: `Not a JSON file: ${e instanceof Error ? e.message : String(e)}` }
  }
  // an Excalidraw or tldraw file: converted, then merged onto the current page the same way
  if (pageId !== undefined && isForeignScene(raw)) return importForeign(doc, raw, pageId)
  const parsed = parseScene(raw)
  if (!parsed.ok) return { ok: false, code: parsed.code, message: `Not a Tessera scene: ${parsed.message}` }
  return importScene(doc, parsed.value, 'merge')
}
