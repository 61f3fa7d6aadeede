import { useCallback, useEffect, useState } from 'react'
import { createUndoManager, sweepOrphanItems } from '../../doc'
import { createEditorStore } from '../../canvas/state/editorStore'
import { keepPageValid } from '../../canvas/state/pageGuard'
import { watchSelection } from '../../canvas/state/selectionPrune'
import { Board } from './Board'
import { BoardContext, type BoardContextValue } from '../../canvas/board/BoardContext'
import { connectRoom } from '../../room/connectRoom'
import { boardToken, takePreconnected } from './preconnect'
import './devHandle'

/** Route /r/<room>: connects to the room and mounts the board once the connection exists. */
export function BoardPage({ room }: { room: string }) {
  const [value, setValue] = useState<BoardContextValue | null>(null)

  useEffect(() => {
    // A shared link carries its token in the fragment; a board opened from the lobby (or by its
    // code) reuses the strongest token this browser remembers for it. The header records the visit.
    const token = boardToken(room)
    const conn = takePreconnected(room, token) ?? connectRoom(room, token)
    const store = createEditorStore({ viewportSize: { width: window.innerWidth, height: window.innerHeight } })
    const undo = createUndoManager(conn.doc)
    const v: BoardContextValue = { conn, store, undo }
    const handle = { doc: conn.doc, store, undo, conn, rendered: 0, synced: false }
    window.__tessera = handle
    const onSync = (isSynced: boolean) => {
      if (!isSynced || handle.synced) return
      handle.synced = true
      performance.mark('tessera:synced')
      // A new board gets its default page, and the current page becomes one the sync brought.
      pageGuard.check()
    }
    // Installed before the first sync, so that removals arriving with it are seen too.
    const offOrphans = sweepOrphanItems(conn.doc)
    const pageGuard = keepPageValid(conn.doc, store, () => handle.synced)
    const offSelection = watchSelection(conn.doc, store)
    conn.provider.on('sync', onSync)
    if (conn.provider.synced) onSync(true)
    setValue(v)
    return () => {
      offSelection()
      pageGuard.dispose()
      offOrphans()
      conn.provider.off('sync', onSync)
      undo.destroy()
      conn.destroy()
      if (window.__tessera === handle) delete window.__tessera
    }
  }, [room])

  const onRendered = useCallback((count: number) => {
    const h = window.__tessera
    if (!h) return
    h.rendered = count
    if (h.synced) performance.mark('tessera:rendered', { detail: count })
  }, [])

  if (!value) return null
  return (
    <BoardContext.Provider value={value}>
      <Board onRendered={onRendered} />
    </BoardContext.Provider>
  )
}
