import { findRecentBoard } from '../recentBoards'
import { tokenFromHash } from '../routes'
import { connectRoom, type RoomConnection } from '../../room/connectRoom'

/**
 * A board's sync connection, started by the entry script before the editor's code is loaded.
 * The server prepares the first sync (megabytes for a big board) while the browser compiles
 * and mounts the editor, instead of after. BoardPage takes it over; anything else is closed.
 */
let early: RoomConnection | null = null

/**
 * The token a board is opened with: the link's fragment, else the strongest one this browser
 * remembers for the room (opened from the lobby or by its code), else none.
 */
export function boardToken(room: string): string | null {
  return tokenFromHash(location.hash) ?? findRecentBoard(room)?.token ?? null
}

export function preconnect(room: string): void {
  early?.destroy()
  early = connectRoom(room, boardToken(room))
}

/** The preconnected connection if it is for this room and token (handed over once), else null. */
export function takePreconnected(room: string, token: string | null): RoomConnection | null {
  const conn = early
  early = null
  if (!conn) return null
  if (conn.room === room && conn.token === token) return conn
  conn.destroy()
  return null
}
