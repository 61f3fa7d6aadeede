import { useEffect, useState, useSyncExternalStore } from 'react'
import { Circle } from '../konva'
import { useBoard } from '../board/BoardContext'
import type { SceneModel } from '../items/sceneModel'
import { ACCENT } from './SelectionTransformer'
import { LINEAR_HANDLE, singleLinear } from './linearSelection'

/**
 * Tips and a bend handle on a selected line or arrow, instead of a resize box: dragging a tip
 * re-aims it (onto a shape to bind, off to unbind), dragging the middle bends it. Drawn at a
 * constant screen size; positions come from the resolved geometry, so they sit on bound ends.
 */
export function LinearHandles({ model }: { model: SceneModel }) {
  const { store } = useBoard()
  const id = useSyncExternalStore(store.subscribe, () => {
    const s = store.get()
    return !s.readOnly && s.tool === 'select' && !s.editingId ? singleLinear(model, s.selection) : null
  })
  const zoom = useSyncExternalStore(store.subscribe, () => (id ? store.get().camera.zoom : 1))
  const [, bump] = useState(0)
  useEffect(() => (id ? model.subscribeItem(id, () => bump((n) => n + 1)) : undefined), [model, id])
  const it = id ? model.placement(id) : undefined
  if (!id || !it?.points || it.points.length < 4) return null
  const p = it.points
  const n = p.length
  const at = (i: number) => ({ x: it.x + p[i]!, y: it.y + p[i + 1]! })
  const mid = n >= 6 ? at(2 * Math.floor(n / 4)) : { x: it.x + (p[0]! + p[n - 2]!) / 2, y: it.y + (p[1]! + p[n - 1]!) / 2 }
  const r = 6 / zoom
  const handles = [
    { which: 'start' as const, ...at(0) },
    { which: 'end' as const, ...at(n - 2) },
    { which: 'mid' as const, ...mid },
  ]
  return (
    <>
      {handles.map((h) => (
        <Circle
          key={h.which}
          name={LINEAR_HANDLE}
          handle={{ id, which: h.which }}
          data-testid={`handle-${h.which}`}
          x={h.x}
          y={h.y}
          radius={h.which === 'mid' ? r * 0.8 : r}
          fill={h.which === 'mid' ? ACCENT : '#ffffff'}
          stroke={ACCENT}
          strokeWidth={1.5 / zoom}
          hitStrokeWidth={8 / zoom}
        />
      ))}
    </>
  )
}
