import type * as Y from 'yjs'
import type { EditorStore } from '../../canvas/state/editorStore'
import type { RoomConnection } from '../../room/connectRoom'
import type { Item } from '../../doc'

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
  /** an item as the canvas draws it (bound arrow ends resolved), for tests */
  drawn?: (id: string) => Item | undefined
}

declare global {
  interface Window {
    __tessera?: TesseraHandle
  }
}
