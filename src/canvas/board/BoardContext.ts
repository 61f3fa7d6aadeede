import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { EditorStore } from '../state/editorStore'
import type { RoomConnection } from '../../room/connectRoom'

export interface BoardContextValue {
  conn: RoomConnection
  store: EditorStore
  undo: Y.UndoManager
}

export const BoardContext = createContext<BoardContextValue | null>(null)

/** The board's connection, editor store and undo manager; only inside <Board>. */
export function useBoard(): BoardContextValue {
  const v = useContext(BoardContext)
  if (!v) throw new Error('useBoard() outside <Board>')
  return v
}
