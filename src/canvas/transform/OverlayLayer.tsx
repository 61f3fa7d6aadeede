import { useSyncExternalStore, type ReactNode } from 'react'
import { Layer, Line, Rect } from '../konva'
import { useBoard } from '../board/BoardContext'
import type { SceneModel } from '../items/sceneModel'
import { ACCENT, SelectionTransformer } from './SelectionTransformer'
import { LinearHandles } from './LinearHandles'
import { CropHandles } from './CropHandles'

const GUIDE = '#e5484d'

/** Marquee rectangle and snap guides, in scene coordinates, drawn a constant screen width. */
function BrushAndGuides() {
  const { store } = useBoard()
  const brush = useSyncExternalStore(store.subscribe, () => store.get().brush)
  const guides = useSyncExternalStore(store.subscribe, () => store.get().guides)
  // the zoom only matters while something is drawn: panning and zooming re-render nothing here
  const zoom = useSyncExternalStore(store.subscribe, () => {
    const s = store.get()
    return s.brush || s.guides.length > 0 ? s.camera.zoom : 1
  })
  const w = 1 / zoom
  return (
    <>
      {brush && (
        <Rect
          x={brush.x}
          y={brush.y}
          width={brush.width}
          height={brush.height}
          fill="rgba(79,70,229,0.08)"
          stroke={ACCENT}
          strokeWidth={w}
          listening={false}
        />
      )}
      {guides.map((g, i) => (
        <Line
          key={i}
          points={g.axis === 'x' ? [g.pos, g.start, g.pos, g.end] : [g.start, g.pos, g.end, g.pos]}
          stroke={GUIDE}
          strokeWidth={w}
          dash={[4 * w, 3 * w]}
          listening={false}
        />
      ))}
    </>
  )
}

/**
 * Above the items: selection transformer, marquee, snap guides, then `children` (others'
 * presence) on top. One layer for all: each Konva layer costs a full-window scene and hit canvas.
 */
export function OverlayLayer({ model, children }: { model: SceneModel; children?: ReactNode }) {
  return (
    <Layer>
      <SelectionTransformer model={model} />
      <LinearHandles model={model} />
      <CropHandles model={model} />
      <BrushAndGuides />
      {children}
    </Layer>
  )
}
