import { useEffect, useRef, useSyncExternalStore } from 'react'
import type Konva from 'konva'
import { Stage as KonvaStage } from './konva'
import { useBoard } from './board/BoardContext'
import { ItemsLayer } from './items/ItemsLayer'
import { moveCamera } from './items/itemsKonvaLayer'
import { sceneModelFor } from './items/sceneModel'
import { attachStageInput } from './stageInput'
import { CANVAS_BACKGROUND } from './grid'
import { useIdleOverlay } from './useIdleOverlay'
import { themeAttr, useTheme } from './theme/useTheme'

/**
 * The full-window Konva stage. The camera is applied imperatively (stage position and scale) from
 * a store subscription, so panning and zooming re-render nothing in React. The dot grid is painted
 * by the items layer, under the items (see grid.ts).
 */
export function Stage({ onRendered }: { onRendered?: (count: number) => void }) {
  const { conn, store, undo } = useBoard()
  const container = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const size = useSyncExternalStore(store.subscribe, () => store.get().viewportSize)
  const model = sceneModelFor(conn.doc)
  // the overlay (selection, marquee, guides, others' cursors) is a second full-window layer, two
  // more canvases to allocate; it is added once the items are on screen (bench:editor load), and
  // its code (Konva's Transformer, presence drawing) is a chunk fetched then
  const Overlay = useIdleOverlay()
  const theme = useTheme()

  // follow the window size
  useEffect(() => {
    const el = container.current
    if (!el) return
    const measure = () => {
      const w = el.clientWidth
      const h = el.clientHeight
      const cur = store.get().viewportSize
      if (w > 0 && h > 0 && (w !== cur.width || h !== cur.height)) store.setViewportSize({ width: w, height: h })
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [store])

  // camera → stage transform
  useEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    let last: unknown = null
    const apply = () => {
      const { camera: cam, viewportSize: vs } = store.get()
      if (last === cam && stage.width() === vs.width) return
      last = cam
      moveCamera(() => {
        stage.scale({ x: cam.zoom, y: cam.zoom })
        stage.position({ x: vs.width / 2 - cam.x * cam.zoom, y: vs.height / 2 - cam.y * cam.zoom })
        stage.batchDraw()
      })
    }
    apply()
    return store.subscribe(apply)
  }, [store, size])

  // input → camera and tools
  useEffect(() => {
    const stage = stageRef.current
    const el = container.current
    if (!stage || !el) return
    return attachStageInput(el, stage, { doc: conn.doc, store, undo })
  }, [conn, store, undo])

  return (
    <div
      ref={container}
      data-testid="canvas"
      className="tsr-canvas"
      {...themeAttr(theme)}
      tabIndex={-1}
      style={{
        position: 'absolute',
        inset: 0,
        overflow: 'hidden',
        touchAction: 'none',
        outline: 'none',
        userSelect: 'none',
        backgroundColor: CANVAS_BACKGROUND,
      }}
    >
      <KonvaStage ref={stageRef} width={size.width} height={size.height}>
        <ItemsLayer model={model} store={store} onRendered={onRendered} />
        {Overlay && <Overlay model={model} />}
      </KonvaStage>
    </div>
  )
}
