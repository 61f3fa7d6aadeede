import { createUndoManager, sweepOrphanItems } from '../../doc'
import type { RoomConnection } from '../../room/connectRoom'
import { createEditorStore } from '../state/editorStore'
import { keepPageValid } from '../state/pageGuard'
import { watchSelection } from '../state/selectionPrune'
import type { BoardContextValue } from './BoardContext'

export interface OpenBoard {
  value: BoardContextValue
  /** true once the first server sync completed */
  isSynced(): boolean
  /** detaches everything openBoard attached and destroys the connection */
  dispose(): void
}

/**
 * Everything a board needs around its connection: the editor store, the undo manager and the
 * document guards (orphan sweep, a valid current page, a selection that drops removed items).
 * The app's board page and the embeddable <TesseraBoard> both open a board with it.
 */
export function openBoard(conn: RoomConnection, opts: { viewportSize: { width: number; height: number }; onSynced?: () => void }): OpenBoard {
  const store = createEditorStore({ viewportSize: opts.viewportSize })
  const undo = createUndoManager(conn.doc)
  let synced = false
  // Installed before the first sync, so that removals arriving with it are seen too.
  const offOrphans = sweepOrphanItems(conn.doc)
  const pageGuard = keepPageValid(conn.doc, store, () => synced)
  const offSelection = watchSelection(conn.doc, store)
  const onSync = (isSynced: boolean) => {
    if (!isSynced || synced) return
    synced = true
    // A new board gets its default page, and the current page becomes one the sync brought.
    pageGuard.check()
    opts.onSynced?.()
  }
  conn.provider.on('sync', onSync)
  if (conn.provider.synced) onSync(true)
  return {
    value: { conn, store, undo },
    isSynced: () => synced,
    dispose() {
      offSelection()
      pageGuard.dispose()
      offOrphans()
      conn.provider.off('sync', onSync)
      undo.destroy()
      conn.destroy()
    },
  }
}
