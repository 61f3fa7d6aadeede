/**
 * A small localStorage list of rooms with a local copy, for browsers without
 * indexedDB.databases(), plus a same-tab change signal so lobby badges refresh.
 */
const KEY = 'tessera:local-boards'
const EVENT = 'tessera:local-boards-changed'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function rememberedLocalBoards(): string[] {
  const raw = storage()?.getItem(KEY)
  if (!raw) return []
  try {
    const v: unknown = JSON.parse(raw)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

function write(rooms: string[]): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(rooms))
  } catch {
    // quota or disabled storage: the list is only a fallback
  }
}

export function rememberLocalBoard(room: string): void {
  const rooms = rememberedLocalBoards()
  if (!rooms.includes(room)) write([...rooms, room])
}

export function forgetLocalBoard(room: string): void {
  write(rememberedLocalBoards().filter((r) => r !== room))
}

export function notifyLocalBoardsChanged(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(EVENT))
}

export function onLocalBoardsChanged(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => {}
  window.addEventListener(EVENT, listener)
  return () => window.removeEventListener(EVENT, listener)
}
