import { useCallback, useEffect, useState } from 'react'
import { openBoard } from '../../canvas/board/openBoard'
import { sceneModelFor } from '../../canvas/items/sceneModel'
import { Board } from './Board'
import { BoardContext, type BoardContextValue } from '../../canvas/board/BoardContext'
import { connectRoom } from '../../room/connectRoom'
import { boardToken, takePreconnected } from './preconnect'
import type { TesseraHandle } from './devHandle'

/** Route /r/<room>: connects to the room and mounts the board once the connection exists. */
export function BoardPage({ room }: { room: string }) {
  const [value, setValue] = useState<BoardContextValue | null>(null)

  useEffect(() => {
    // A shared link carries its token in the fragment; a board opened from the lobby (or by its
    // code) reuses the strongest token this browser remembers for it. The header records the visit.
    const token = boardToken(room)
    const conn = takePreconnected(room, token) ?? connectRoom(room, token)
    let handle: TesseraHandle | undefined
    const board = openBoard(conn, {
      viewportSize: { width: window.innerWidth, height: window.innerHeight },
      onSynced: () => {
        if (handle) handle.synced = true
        performance.mark('tessera:synced')
      },
    })
    handle = { ...board.value, doc: conn.doc, rendered: 0, synced: board.isSynced(), drawn: (id: string) => sceneModelFor(conn.doc).get(id) }
    window.__tessera = handle
    setValue(board.value)
    return () => {
      board.dispose()
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
