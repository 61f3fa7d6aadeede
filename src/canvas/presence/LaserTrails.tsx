import { useEffect, useRef } from 'react'
import type Konva from 'konva'
import type { Awareness } from 'y-protocols/awareness'
import { Shape } from '../konva'
import { useBoard } from '../board/BoardContext'
import { derivePeers } from '../../awareness/peers'
import { fadeOf, pointAges } from '../laser/trail'
import type { EditorStore } from '../state/editorStore'

interface Trail {
  key: string
  color: string
  points: readonly number[]
  /** ms between the trail's newest point and now */
  behind: number
}

interface Received {
  json: string
  at: number
}

/** our own trail when we have no colour yet */
const FALLBACK_LASER = '#ff2d55'

/**
 * Everyone's laser trails (awareness `laser`) and our own, fading over a second. One custom
 * Konva shape paints them all; it redraws on animation frames only while some trail is visible,
 * so an idle board costs nothing.
 */
export function LaserTrails() {
  const { conn, store } = useBoard()
  const ref = useRef<Konva.Shape>(null)
  const trails = useRef<Trail[]>([])

  useEffect(() => {
    const shape = ref.current
    if (!shape) return
    const awareness = conn.awareness
    const received = new Map<number, Received>()
    let frame: number | null = null

    const tick = () => {
      frame = null
      trails.current = collect(awareness, store, received)
      shape.getLayer()?.batchDraw()
      if (trails.current.length > 0) frame = requestAnimationFrame(tick)
    }
    const wake = () => {
      if (frame === null) frame = requestAnimationFrame(tick)
    }
    const onAwareness = () => {
      const now = performance.now()
      for (const p of derivePeers(awareness.getStates(), awareness.clientID)) {
        const json = p.laser ? JSON.stringify(p.laser) : ''
        if (received.get(p.clientId)?.json !== json) received.set(p.clientId, { json, at: now })
      }
      wake()
    }
    let lastLaser = store.get().laser
    const offStore = store.subscribe(() => {
      if (store.get().laser !== lastLaser) {
        lastLaser = store.get().laser
        wake()
      }
    })
    awareness.on('change', onAwareness)
    onAwareness()
    return () => {
      offStore()
      awareness.off('change', onAwareness)
      if (frame !== null) cancelAnimationFrame(frame)
    }
  }, [conn, store])

  return (
    <Shape
      ref={ref}
      name="laser-trails"
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        const zoom = store.get().camera.zoom
        for (const t of trails.current) paintTrail(ctx, t, zoom)
      }}
    />
  )
}

function collect(awareness: Awareness, store: EditorStore, received: Map<number, Received>): Trail[] {
  const now = performance.now()
  const out: Trail[] = []
  const s = store.get()
  const own = (awareness.getLocalState() as { user?: { color?: unknown } } | null)?.user?.color
  const color = typeof own === 'string' ? own : FALLBACK_LASER
  if (s.laser.length >= 3) out.push({ key: 'local', color, points: s.laser, behind: now - s.laserStart - s.laser[s.laser.length - 1]! })
  for (const p of derivePeers(awareness.getStates(), awareness.clientID)) {
    if (!p.laser || p.viewport.pageId !== s.pageId) continue
    const at = received.get(p.clientId)?.at ?? now
    out.push({ key: String(p.clientId), color: p.user.color, points: p.laser, behind: now - at })
  }
  return out.filter((t) => pointAges(t.points, t.behind).some((a) => fadeOf(a) > 0))
}

/** Segments get fainter and thinner with age: a soft glow under a solid core, both in the user's colour. */
function paintTrail(ctx: Konva.Context, t: Trail, zoom: number): void {
  const ages = pointAges(t.points, t.behind)
  const p = t.points
  ctx.setAttr('lineCap', 'round')
  ctx.setAttr('lineJoin', 'round')
  ctx.setAttr('strokeStyle', t.color)
  for (const glow of [true, false]) {
    for (let i = 1; i < ages.length; i++) {
      const f = fadeOf(ages[i]!)
      if (f <= 0) continue
      ctx.setAttr('globalAlpha', glow ? 0.25 * f : f)
      ctx.setAttr('lineWidth', ((glow ? 10 : 3.5) * (0.4 + 0.6 * f)) / zoom)
      ctx.beginPath()
      ctx.moveTo(p[(i - 1) * 3]!, p[(i - 1) * 3 + 1]!)
      ctx.lineTo(p[i * 3]!, p[i * 3 + 1]!)
      ctx.stroke()
    }
  }
  ctx.setAttr('globalAlpha', 1)
  if (ages.length === 1) {
    // a single press shows a dot
    ctx.setAttr('fillStyle', t.color)
    ctx.beginPath()
    ctx.arc(p[0]!, p[1]!, 4 / zoom, 0, Math.PI * 2)
    ctx.fill()
  }
}
