import type { RoomAccess } from '../api'
import { boardPath } from '../routes'

export interface ShareLinks {
  /** link that opens the board for editing, or null when this browser cannot make one */
  edit: string | null
  /** link that opens the board read-only, or null when this browser cannot make one */
  view: string | null
}

/**
 * The links the Share dialog offers. A link carries its token only in the fragment, so it never
 * reaches a server log. Without a token, a bare link still works when the room's access admits
 * anyone with the link in the matching role.
 */
export function shareLinks(origin: string, room: string, access: RoomAccess, tokens: { editor?: string | null; viewer?: string | null }): ShareLinks {
  const link = (token: string | null) => origin + boardPath(room, token)
  return {
    edit: tokens.editor ? link(tokens.editor) : access === 'edit' ? link(null) : null,
    view: tokens.viewer ? link(tokens.viewer) : access === 'view' ? link(null) : null,
  }
}
