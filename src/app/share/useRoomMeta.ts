import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { RoomAccess } from '../api'

/**
 * The room's title and access, read live from `doc.getMap('meta')`.
 *
 * The server is the writer of these two keys: it seeds them when the room's document loads and
 * rewrites them (with its own transaction origin, so no client's undo stack sees it) whenever
 * PATCH /api/rooms/:room changes them — which is how every open connection sees a rename or an
 * access change within a second. `undefined` means the server has not written the key yet.
 */
export interface RoomMetaState {
  title: string | undefined
  access: RoomAccess | undefined
}

export function readRoomMeta(doc: Y.Doc): RoomMetaState {
  const meta = doc.getMap('meta')
  const title = meta.get('title')
  const access = meta.get('access')
  return {
    title: typeof title === 'string' ? title : undefined,
    access: access === 'private' || access === 'view' || access === 'edit' ? access : undefined,
  }
}

export function useRoomMeta(doc: Y.Doc): RoomMetaState {
  const [state, setState] = useState(() => readRoomMeta(doc))
  useEffect(() => {
    const meta = doc.getMap('meta')
    const update = () =>
      setState((prev) => {
        const next = readRoomMeta(doc)
        return prev.title === next.title && prev.access === next.access ? prev : next
      })
    update()
    meta.observe(update)
    return () => meta.unobserve(update)
  }, [doc])
  return state
}
