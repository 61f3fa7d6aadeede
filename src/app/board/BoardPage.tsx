import { useCallback, useEffect, useState } from 'react'
import { createUndoManager, ensureDefaultPage, listPages, pagesMap } from '../../doc'
import { createEditorStore } from '../../canvas/state/editorStore'
import { Board } from './Board'
import { BoardContext, type BoardContextValue } from './BoardContext'
import { connectRoom } from './connectRoom'
import { boardToken, takePreconnected } from './preconnect'
import './devHandle'

/** Keeps the store on an existing page: when its page is missing (or removed), show the first one. */
function keepPageValid(value: BoardContextValue): () => void {
  const { conn, store } = value
  const check = () => {
    const pages = listPages(conn.doc)
    if (pages.length > 0 && !pages.some((p) => p.id === store.get().pageId)) store.setPage(pages[0]!.id)
  }
  const pages = pagesMap(conn.doc)
  pages.observeDeep(check)
  check()
  return () => pages.unobserveDeep(check)
}

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
      ensureDefaultPage(conn.doc)
    }
    conn.provider.on('sync', onSync)
    if (conn.provider.synced) onSync(true)
    const offPages = keepPageValid(v)
    setValue(v)
    return () => {
      offPages()
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
