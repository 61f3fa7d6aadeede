import { useEffect, useState, useSyncExternalStore } from 'react'
import { Group, Image as KonvaImage, Rect } from '../konva'
import { useBoard } from '../board/BoardContext'
import { loadAssetImage } from '../assets/assets'
import type { SceneModel } from '../items/sceneModel'
import { ACCENT } from './SelectionTransformer'
import { CROP_HANDLE, cropHandlePoints, sourceBox } from './cropGeometry'

/** How much of the cropped-away image shows around the visible part while cropping. */
const GHOST_OPACITY = 0.3

/**
 * Crop mode (double-click an image; Enter, Escape, a double-click or a press elsewhere ends it):
 * the whole source image shown faintly where it lies, the visible part outlined, with a handle on
 * each corner and edge to trim it and the inside to slide the image under it. Drawn at a constant
 * screen size; follows the item as anyone changes it.
 */
export function CropHandles({ model }: { model: SceneModel }) {
  const { store, conn } = useBoard()
  const id = useSyncExternalStore(store.subscribe, () => {
    const s = store.get()
    return s.croppingId && !s.readOnly && s.tool === 'select' && s.selection.length === 1 && s.selection[0] === s.croppingId ? s.croppingId : null
  })
  const zoom = useSyncExternalStore(store.subscribe, () => (id ? store.get().camera.zoom : 1))
  const [, bump] = useState(0)
  useEffect(() => (id ? model.subscribeItem(id, () => bump((n) => n + 1)) : undefined), [model, id])
  const it = id ? model.get(id) : undefined
  const [img, setImg] = useState<{ asset: string; el: HTMLImageElement } | null>(null)
  const asset = it?.type === 'image' ? it.image : undefined
  useEffect(() => {
    if (!asset) return
    let live = true
    loadAssetImage(conn, asset).then(
      (el) => live && setImg({ asset, el }),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [conn, asset])
  if (!id || !it || it.type !== 'image') return null
  const src = sourceBox(it)
  const s = 9 / zoom
  const line = 1.5 / zoom
  return (
    <Group x={it.x} y={it.y} rotation={it.rotation}>
      {img && img.asset === asset ? (
        <KonvaImage image={img.el} x={src.x} y={src.y} width={src.width} height={src.height} opacity={GHOST_OPACITY} listening={false} />
      ) : (
        <Rect x={src.x} y={src.y} width={src.width} height={src.height} stroke={ACCENT} strokeWidth={line} dash={[4 / zoom, 4 / zoom]} listening={false} />
      )}
      <Rect
        name={CROP_HANDLE}
        handle={{ id, crop: 'move' }}
        data-testid="crop-area"
        width={it.width}
        height={it.height}
        fill="transparent"
        stroke={ACCENT}
        strokeWidth={line}
      />
      {cropHandlePoints(it.width, it.height).map((h) => (
        <Rect
          key={h.edge}
          name={CROP_HANDLE}
          handle={{ id, crop: h.edge }}
          data-testid={`crop-${h.edge}`}
          x={h.x - s / 2}
          y={h.y - s / 2}
          width={s}
          height={s}
          fill="#ffffff"
          stroke={ACCENT}
          strokeWidth={line}
          hitStrokeWidth={8 / zoom}
        />
      ))}
    </Group>
  )
}
