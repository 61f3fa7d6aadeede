/**
 * What a person typed into "Join by code": a room code in any case with spaces or dashes
 * ("k7p 2qx"), a board link (".../r/K7P2QX#token=…"), or a plain room name.
 * The code rules mirror server/api/roomCodes.ts (a unit test keeps the two in step).
 */
import { isRoomName } from '../routes'

export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
const CODE_RE = new RegExp(`^[${ROOM_CODE_ALPHABET}]{6}$`)
/** a room name typed as it is (no spaces: typed spaces belong to a code such as "k7p 2qx") */
const isTypedRoomName = (text: string) => isRoomName(text) && !/\s/.test(text)

export type JoinTarget = { ok: true; room: string; token: string | null } | { ok: false; message: string }

/** Canonical room code for typed input, or null when it is not one. */
export function normalizeCode(input: string): string | null {
  const canonical = input.toUpperCase().replace(/[\s\-_.]+/g, '')
  return CODE_RE.test(canonical) ? canonical : null
}

export function parseJoinInput(input: string): JoinTarget {
  const text = input.trim()
  if (text === '') return { ok: false, message: 'Enter a board code' }

  // A pasted link: take the room from /r/<room> and a token from the fragment.
  const link = /\/r\/([^?#\s]+?)\/?(?:\?[^#]*)?(?:#(.*))?$/.exec(text)
  if (link) {
    let room: string
    try {
      room = decodeURIComponent(link[1]!)
    } catch {
      return { ok: false, message: 'That link is not a board link' }
    }
    if (!isRoomName(room)) return { ok: false, message: 'That link is not a board link' }
    const token = new URLSearchParams(link[2] ?? '').get('token')
    return { ok: true, room, token: token || null }
  }

  const code = normalizeCode(text)
  if (code) return { ok: true, room: code, token: null }
  if (isTypedRoomName(text)) return { ok: true, room: text, token: null }
  return { ok: false, message: 'Codes are 6 letters and digits, like K7P2QX' }
}
