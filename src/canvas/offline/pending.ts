import { useSyncExternalStore } from 'react'
import { useBoard } from '../board/BoardContext'
import { localCopyFor } from '../../room/offline/localPersistence'

const noop = () => () => {}

/**
 * How many local changes of the open board have not reached the server yet (0 when the board
 * has no local copy, and always 0 for a view link, which never sends). For the status indicator:
 * "Offline — changes kept on this device · N waiting". Only inside <Board>.
 */
export function usePendingChanges(): number {
  const { conn } = useBoard()
  const copy = localCopyFor(conn.doc)
  return useSyncExternalStore(
    copy ? (l) => copy.pending.subscribe(l) : noop,
    () => (copy ? copy.pending.get() : 0),
  )
}
