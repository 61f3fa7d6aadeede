// Undo/redo of this client's own scene changes. Y.UndoManager over items + pages tracks
// only localOrigin, so remote edits are never undone. A gesture (drag, resize, a typing
// burst) becomes one step: capture is cut at its start and its end, and in between every
// transaction is merged into the same stack item.
import * as Y from 'yjs'
import { localOrigin } from './origins'
import { itemsMap, pagesMap } from './read'

export const DEFAULT_CAPTURE_TIMEOUT = 500
const GESTURE_TIMEOUT = Number.MAX_SAFE_INTEGER
const saved = new WeakMap<Y.UndoManager, number>()

export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([itemsMap(doc), pagesMap(doc)], {
    trackedOrigins: new Set<unknown>([localOrigin]),
    captureTimeout: DEFAULT_CAPTURE_TIMEOUT,
  })
}

export function startGesture(um: Y.UndoManager): void {
  if (!saved.has(um)) saved.set(um, um.captureTimeout)
  um.stopCapturing()
  um.captureTimeout = GESTURE_TIMEOUT
}

export function endGesture(um: Y.UndoManager): void {
  const t = saved.get(um)
  if (t !== undefined) {
    um.captureTimeout = t
    saved.delete(um)
  }
  um.stopCapturing()
}

export function isInGesture(um: Y.UndoManager): boolean {
  return saved.has(um)
}
