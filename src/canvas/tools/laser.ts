import { appendPoint, LASER_TTL_MS, pruneTrail } from '../laser/trail'
import type { EditorStore } from '../state/editorStore'
import type { Tool } from './types'

/** How often a fading trail is trimmed (each trim is published, throttled, to the others). */
const TRIM_MS = 50

const trimmers = new WeakMap<EditorStore, ReturnType<typeof setInterval>>()
let pressed = false

/** Trims the store's trail until it is empty, then stops. */
function keepTrimming(store: EditorStore): void {
  if (trimmers.has(store)) return
  const timer = setInterval(() => {
    const s = store.get()
    const now = performance.now() - s.laserStart
    const kept = pruneTrail(s.laser, now - LASER_TTL_MS)
    if (kept.length !== s.laser.length) store.setLaser(kept, s.laserStart)
    if (kept.length === 0) {
      clearInterval(timer)
      trimmers.delete(store)
    }
  }, TRIM_MS)
  trimmers.set(store, timer)
}

function addPoint(store: EditorStore, x: number, y: number): void {
  const s = store.get()
  const now = performance.now()
  // a new trail starts its clock at 0 (t is relative, never a wall clock)
  const start = s.laser.length === 0 ? now : s.laserStart
  store.setLaser(appendPoint(s.laser, x, y, now - start), start)
  keepTrimming(store)
}

/**
 * K: a laser pointer. While pressed it leaves a trail that fades within a second, drawn for
 * everyone through awareness (`laser`), never written to the document — so viewers may use it.
 */
export const laserTool: Tool = {
  id: 'laser',
  cursor: 'crosshair',
  onPointerDown(ctx, e) {
    if (e.button !== 0) return
    pressed = true
    addPoint(ctx.store, e.scene.x, e.scene.y)
  },
  onPointerMove(ctx, e) {
    if (pressed) addPoint(ctx.store, e.scene.x, e.scene.y)
  },
  onPointerUp() {
    pressed = false
  },
  onCancel() {
    pressed = false
  },
  onExit() {
    pressed = false
  },
}
