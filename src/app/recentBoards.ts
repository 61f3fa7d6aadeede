/**
 * The boards this browser opened recently (localStorage), newest first, at most 15. Each entry
 * keeps the strongest token seen for the room, plus the owner's share tokens from the room's
 * creation, so the lobby can re-open a board and the Share dialog can offer its links.
 */
import * as z from 'zod'
import type { Role } from './api'

export const RECENT_BOARDS_KEY = 'tessera.recentBoards.v1'
export const MAX_RECENT_BOARDS = 15

export interface RecentBoard {
  room: string
  title: string
  /** role of `token`, null when opened without one (open server, link access) */
  role: Role | null
  token: string | null
  /** ms since the Unix epoch */
  lastOpened: number
  /** share tokens, known to the browser that created the room */
  editorToken?: string
  viewerToken?: string
}

/** The subset of Web Storage used here, so tests and private-mode failures are easy to handle. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

const entrySchema = z.object({
  room: z.string().min(1).max(128),
  title: z.string(),
  role: z.enum(['owner', 'editor', 'viewer']).nullable(),
  token: z.string().nullable(),
  lastOpened: z.number(),
  editorToken: z.string().optional(),
  viewerToken: z.string().optional(),
})

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 }

function defaultStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Some browsers throw on access when storage is disabled.
    return null
  }
}

/** Every remembered board, newest first. Corrupt entries are dropped, never thrown. */
export function loadRecentBoards(storage: KeyValueStorage | null = defaultStorage()): RecentBoard[] {
  if (!storage) return []
  let raw: unknown
  try {
    raw = JSON.parse(storage.getItem(RECENT_BOARDS_KEY) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(raw)) return []
  const boards: RecentBoard[] = []
  for (const item of raw) {
    const parsed = entrySchema.safeParse(item)
    if (parsed.success) boards.push(parsed.data)
  }
  return boards.sort((a, b) => b.lastOpened - a.lastOpened).slice(0, MAX_RECENT_BOARDS)
}

export function findRecentBoard(room: string, storage: KeyValueStorage | null = defaultStorage()): RecentBoard | null {
  return loadRecentBoards(storage).find((b) => b.room === room) ?? null
}

export interface BoardVisit {
  room: string
  title?: string
  role?: Role | null
  token?: string | null
  editorToken?: string
  viewerToken?: string
}

/**
 * Records that a board was opened now. Merges with what is already known: a weaker (or missing)
 * token never replaces a stronger one, an empty title never replaces a known one.
 */
export function rememberBoard(visit: BoardVisit, storage: KeyValueStorage | null = defaultStorage(), now = Date.now()): RecentBoard[] {
  if (!storage) return []
  const boards = loadRecentBoards(storage)
  const prev = boards.find((b) => b.room === visit.room)
  const visitRole = visit.token ? (visit.role ?? null) : null
  const keepPrevToken = prev?.token && (!visit.token || (prev.role && (!visitRole || RANK[prev.role] > RANK[visitRole])))
  const next: RecentBoard = {
    room: visit.room,
    title: visit.title || prev?.title || '',
    role: keepPrevToken ? prev!.role : visitRole,
    token: keepPrevToken ? prev!.token : (visit.token ?? null),
    lastOpened: now,
    ...withDefined('editorToken', visit.editorToken ?? prev?.editorToken),
    ...withDefined('viewerToken', visit.viewerToken ?? prev?.viewerToken),
  }
  const list = [next, ...boards.filter((b) => b.room !== visit.room)].slice(0, MAX_RECENT_BOARDS)
  save(storage, list)
  return list
}

/** Forgets a board (e.g. after it was deleted). */
export function forgetBoard(room: string, storage: KeyValueStorage | null = defaultStorage()): RecentBoard[] {
  if (!storage) return []
  const list = loadRecentBoards(storage).filter((b) => b.room !== room)
  save(storage, list)
  return list
}

/** Updates the remembered title of a board without counting as a visit. */
export function renameRecentBoard(room: string, title: string, storage: KeyValueStorage | null = defaultStorage()): void {
  if (!storage) return
  const boards = loadRecentBoards(storage)
  const b = boards.find((x) => x.room === room)
  if (!b || b.title === title) return
  b.title = title
  save(storage, boards)
}

function withDefined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}

function save(storage: KeyValueStorage, list: RecentBoard[]): void {
  try {
    storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(list))
  } catch {
    // Quota exceeded or storage disabled: the list is a convenience, the board still works.
  }
}
