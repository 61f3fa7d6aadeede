import type { RoomAccess } from '../api'
import { boardPath } from '../routes'

export interface ShareLinks {
  /** link that opens the board for editing, or null when this browser cannot make one */
  edit: string | null
  /** link that opens the board read-only, or null when this browser cannot make one */
  view: string | null
  /** the link for anyone (the room's link secret) when the board is shared by link, else null */
  anyone: string | null
}

export interface LinkAccessState {
  /** the room's current link secret, when this browser knows it (the owner reads it from the server) */
  linkSecret: string | null
  /** whether the short code alone opens the board */
  codeAccess: boolean
}

/**
 * The links the Share dialog offers. A link carries its token or the room's link secret only in
 * the fragment, so it never reaches a server log. A board shared by link opens with its link
 * secret (revocable by the owner); a bare link works only when the owner lets the code alone in.
 */
export function shareLinks(
  origin: string,
  room: string,
  access: RoomAccess,
  tokens: { editor?: string | null; viewer?: string | null },
  link: LinkAccessState = { linkSecret: null, codeAccess: false },
): ShareLinks {
  const make = (token: string | null) => origin + boardPath(room, token)
  const anyone = access === 'private' ? null : link.linkSecret ? make(link.linkSecret) : link.codeAccess ? make(null) : null
  return {
    edit: tokens.editor ? make(tokens.editor) : access === 'edit' ? anyone : null,
    view: tokens.viewer ? make(tokens.viewer) : access === 'view' ? anyone : null,
    anyone,
  }
}
