import type * as Y from 'yjs'
import type { EditorStore } from '../../canvas/state/editorStore'
import type { RoomConnection } from '../../room/connectRoom'

/** What the board page exposes as `window.__tessera` for browser tests, benchmarks and debugging. */
export interface TesseraHandle {
  doc: Y.Doc
  store: EditorStore
  undo: Y.UndoManager
  conn: RoomConnection
  /** number of item nodes mounted after the latest items-layer commit */
  rendered: number
  /** true once the first server sync completed */
  synced: boolean
}

declare global {
  interface Window {
    __tessera?: TesseraHandle
  }
}
