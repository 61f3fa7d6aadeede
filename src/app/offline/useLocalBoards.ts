import { useEffect, useState } from 'react'
import { listLocalBoards } from '../../room/offline/localPersistence'
import { onLocalBoardsChanged } from '../../room/offline/localBoardsRegistry'

/** Rooms with a local copy on this device; null while loading. Refreshes after clearLocalCopy. */
export function useLocalBoards(): ReadonlySet<string> | null {
  const [rooms, setRooms] = useState<ReadonlySet<string> | null>(null)
  useEffect(() => {
    let alive = true
    const load = () => {
      listLocalBoards().then(
        (list) => alive && setRooms(new Set(list)),
        () => alive && setRooms(new Set()),
      )
    }
    load()
    const off = onLocalBoardsChanged(load)
    return () => {
      alive = false
      off()
    }
  }, [])
  return rooms
}
