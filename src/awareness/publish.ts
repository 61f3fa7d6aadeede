// Writes the local awareness state from the editor store: cursor (store.pointer + pageId),
// selection, viewport (camera + pageId). Throttled and sent only when something changed.
import type { Awareness } from 'y-protocols/awareness'
import { roundCoord, updateLocalPresence } from './presence'
import { realClock, throttle, type Clock } from './throttle'
import type { PresenceState, UserInfo } from './types'

/** What we read from the editor store (EditorStore satisfies it). */
export interface PresenceSourceStore {
  get(): {
    selection: readonly string[]
    pageId: string
    camera: { x: number; y: number; zoom: number }
    pointer: { x: number; y: number } | null
    /** ids being dragged or resized (published as `editing`) */
    gestureIds?: readonly string[]
    /** the item whose text is being typed in (published as `editing`) */
    editingId?: string | null
    /** the laser pointer's trail (published as `laser`) */
    laser?: readonly number[]
  }
  subscribe(listener: () => void): () => void
}

export interface PresencePublisher {
  setUser(user: UserInfo): void
  setFollowing(clientId: number | null): void
  setSpotlight(on: boolean): void
  destroy(): void
}

/**
 * Minimum time between two awareness sends (12.5 Hz). Every send carries the whole state
 * (~190 bytes with framing), so a moving cursor costs ~2.5 KB/s per user (bench/presence.ts);
 * receivers animate between positions (PresenceLayer), so cursors still glide smoothly.
 */
export const CURSOR_INTERVAL_MS = 80

/**
 * At most this many ids of the selection (and of `editing`) are published. Every awareness send
 * carries the whole state: with 10,000 items selected each cursor move sent ~250 KB to every
 * peer, and each peer validated and outlined all of them (bench:editor, paste with a
 * collaborator; select-all drag). Others see the first ones outlined.
 */
export const MAX_PUBLISHED_IDS = 300

/** The store-derived part of the state, rounded so tiny float changes do not cause sends. */
export function stateFromStore(s: ReturnType<PresenceSourceStore['get']>): Pick<PresenceState, 'cursor' | 'selection' | 'viewport' | 'editing' | 'laser'> {
  const editing = new Set(s.gestureIds ?? [])
  if (s.editingId) editing.add(s.editingId)
  return {
    editing: [...editing].slice(0, MAX_PUBLISHED_IDS),
    laser: [...(s.laser ?? [])],
    cursor: s.pointer ? { x: roundCoord(s.pointer.x), y: roundCoord(s.pointer.y), pageId: s.pageId } : null,
    selection: s.selection.slice(0, MAX_PUBLISHED_IDS),
    viewport: {
      x: roundCoord(s.camera.x),
      y: roundCoord(s.camera.y),
      zoom: Math.round(s.camera.zoom * 1000) / 1000,
      pageId: s.pageId,
    },
  }
}

export function bindPresence(
  awareness: Awareness,
  store: PresenceSourceStore,
  user: UserInfo,
  opts: { clock?: Clock; intervalMs?: number } = {},
): PresencePublisher {
  const initial: PresenceState = { user, ...stateFromStore(store.get()), following: null }
  const prev = awareness.getLocalState() as Partial<PresenceState> | null
  // Keep follow/spotlight if the publisher is re-bound (React StrictMode remounts).
  if (prev && typeof prev.following === 'number') initial.following = prev.following
  if (prev?.spotlight === true) initial.spotlight = true
  updateLocalPresence(awareness, initial)

  const publish = throttle(() => updateLocalPresence(awareness, stateFromStore(store.get())), opts.intervalMs ?? CURSOR_INTERVAL_MS, opts.clock ?? realClock)
  const unsubscribe = store.subscribe(() => publish())

  return {
    setUser: (u) => void updateLocalPresence(awareness, { user: { name: u.name, color: u.color } }),
    setFollowing: (id) => void updateLocalPresence(awareness, { following: id }),
    setSpotlight: (on) => void updateLocalPresence(awareness, { spotlight: on }),
    destroy() {
      publish.flush()
      unsubscribe()
    },
  }
}
