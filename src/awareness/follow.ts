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

type Cam = { x: number; y: number; zoom: number }

/**
 * Moves the camera from `from` to `to` over a short time by calling `apply` (the follower's
 * camera would otherwise jump at the presenter's send rate); returns a cancel function.
 */
export type CameraAnimator = (from: Cam, to: Cam, apply: (c: Cam) => void) => () => void

/** Moves `store` to `vp` (page first, then camera), touching only what differs. */
export function applyViewport(store: FollowTargetStore, vp: ViewportState, animate?: CameraAnimator): (() => void) | null {
  const s = store.get()
  const samePage = s.pageId === vp.pageId
  if (!samePage) store.setPage(vp.pageId)
  const c = store.get().camera
  if (c.x === vp.x && c.y === vp.y && c.zoom === vp.zoom) return null
  const to = { x: vp.x, y: vp.y, zoom: vp.zoom }
  if (!animate || !samePage) {
    store.setCamera(to)
    return null
  }
  return animate({ ...c }, to, (cam) => store.setCamera(cam))
}

/** A requestAnimationFrame animator (ease-out over `ms`) for browsers. */
export function frameAnimator(ms = 120): CameraAnimator {
  return (from, to, apply) => {
    const t0 = performance.now()
    let handle = 0
    const step = (now: number) => {
      const t = Math.min(1, (now - t0) / ms)
      const k = 1 - (1 - t) * (1 - t)
      // zoom interpolated geometrically so it feels even
      if (t >= 1) return apply(to) // land exactly on the target
      apply({ x: from.x + (to.x - from.x) * k, y: from.y + (to.y - from.y) * k, zoom: from.zoom * Math.pow(to.zoom / from.zoom, k) })
      handle = requestAnimationFrame(step)
    }
    handle = requestAnimationFrame(step)
    return () => cancelAnimationFrame(handle)
  }
}

export function createFollowController(
  awareness: Awareness,
  store: FollowTargetStore,
  publishFollowing: (clientId: number | null) => void,
  animate?: CameraAnimator,
): FollowController {
  let state: FollowState = { following: null, reason: null }
  let cancelAnimation: (() => void) | null = null
  /** the target last moved to: our own awareness changes (e.g. while animating) must not restart the move */
  let lastTarget = ''
  const moveTo = (vp: ViewportState) => {
    const key = `${vp.x},${vp.y},${vp.zoom},${vp.pageId}`
    if (key === lastTarget) return
    lastTarget = key
    cancelAnimation?.()
    cancelAnimation = applyViewport(store, vp, animate)
  }
  const listeners = new Set<() => void>()
  /** presenters whose current presentation we left */
  const dismissed = new Set<number>()

  const set = (next: FollowState) => {
    if (next.following === state.following && next.reason === state.reason) return
    cancelAnimation?.()
    cancelAnimation = null
    lastTarget = ''
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
        moveTo(target.viewport)
        return
      }
    }
    const presenter = spotlightPeer(peers)
    if (presenter && !dismissed.has(presenter.clientId) && !selfPresenting()) {
      set({ following: presenter.clientId, reason: 'spotlight' })
      moveTo(presenter.viewport)
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
      cancelAnimation?.()
      awareness.off('change', sync)
      offInteraction()
      listeners.clear()
    },
  }
}
