// Follow mode and spotlight. Following = our camera and page track another user's
// awareness `viewport` until we interact. A user with `spotlight: true` is followed
// automatically by everyone who has not left that presentation.
import type { Awareness } from 'y-protocols/awareness'
import { derivePeers, spotlightPeer } from './peers'
import type { Peer, ViewportState } from './types'

/** The editor-store surface follow mode drives (EditorStore satisfies it). */
export interface FollowTargetStore {
  get(): { pageId: string; camera: { x: number; y: number; zoom: number } }
  setPage(pageId: string): void
  setCamera(c: { x: number; y: number; zoom: number }): void
  onUserInteraction(listener: () => void): () => void
}

export interface FollowState {
  following: number | null
  /** 'spotlight' when we follow because they present, 'manual' when we clicked them */
  reason: 'manual' | 'spotlight' | null
}

export interface FollowController {
  get(): FollowState
  subscribe(listener: () => void): () => void
  follow(clientId: number): void
  /** stop following; leaving a presentation keeps us out of it until it ends */
  stop(): void
  destroy(): void
}

/** Moves `store` to `vp` (page first, then camera), touching only what differs. */
export function applyViewport(store: FollowTargetStore, vp: ViewportState): void {
  const s = store.get()
  if (s.pageId !== vp.pageId) store.setPage(vp.pageId)
  const c = store.get().camera
  if (c.x !== vp.x || c.y !== vp.y || c.zoom !== vp.zoom) store.setCamera({ x: vp.x, y: vp.y, zoom: vp.zoom })
}

export function createFollowController(
  awareness: Awareness,
  store: FollowTargetStore,
  publishFollowing: (clientId: number | null) => void,
): FollowController {
  let state: FollowState = { following: null, reason: null }
  const listeners = new Set<() => void>()
  /** presenters whose current presentation we left */
  const dismissed = new Set<number>()

  const set = (next: FollowState) => {
    if (next.following === state.following && next.reason === state.reason) return
    state = next
    publishFollowing(state.following)
    for (const l of [...listeners]) l()
  }

  const selfPresenting = () => (awareness.getLocalState() as { spotlight?: unknown } | null)?.spotlight === true

  const stop = () => {
    if (state.reason === 'spotlight' && state.following !== null) dismissed.add(state.following)
    set({ following: null, reason: null })
  }

  const sync = () => {
    const peers: Peer[] = derivePeers(awareness.getStates(), awareness.clientID)
    for (const id of [...dismissed]) if (!peers.some((p) => p.clientId === id && p.spotlight)) dismissed.delete(id)
    if (state.following !== null) {
      const target = peers.find((p) => p.clientId === state.following)
      if (!target || (state.reason === 'spotlight' && !target.spotlight)) set({ following: null, reason: null })
      else {
        applyViewport(store, target.viewport)
        return
      }
    }
    const presenter = spotlightPeer(peers)
    if (presenter && !dismissed.has(presenter.clientId) && !selfPresenting()) {
      set({ following: presenter.clientId, reason: 'spotlight' })
      applyViewport(store, presenter.viewport)
    }
  }

  awareness.on('change', sync)
  const offInteraction = store.onUserInteraction(() => {
    if (state.following !== null) stop()
  })
  sync()

  return {
    get: () => state,
    subscribe(l) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    follow(clientId) {
      if (clientId === awareness.clientID) return
      dismissed.delete(clientId)
      set({ following: clientId, reason: 'manual' })
      sync()
    },
    stop,
    destroy() {
      awareness.off('change', sync)
      offInteraction()
      listeners.clear()
    },
  }
}
