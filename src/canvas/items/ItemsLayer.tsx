import { memo, startTransition, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type Konva from 'konva/lib/Core'
import { ItemsKonvaLayer as ItemsKonvaLayerElement } from '../konva'
import type { EditorStore } from '../state/editorStore'
import type { SceneModel } from './sceneModel'
import { ItemNode } from './ItemNode'
import { cullWindow, windowStillValid, type CullWindow } from './culling'
import { ItemsKonvaLayer, type PaintBox } from './itemsKonvaLayer'
import { SETTLE_MS } from './layerBitmap'
import { itemNodes, noteMounted } from './nodeRegistry'
import { paintDotGrid } from '../grid'

interface Props {
  model: SceneModel
  store: EditorStore
  /** called after a commit with the number of mounted items (load-time signal for tests/bench) */
  onRendered?: (count: number) => void
}

/** True when `a` is `b` without the ids `skip` accepts, in the same order. */
function sameList(a: readonly string[], b: readonly string[], skip: (id: string) => boolean): boolean {
  let i = 0
  for (const id of b) if (!skip(id) && a[i++] !== id) return false
  return i === a.length
}

/**
 * The items of the current page that touch the cull window, bottom first. This component
 * re-renders only when that list changes (add/remove/reorder/page switch/culling window move);
 * item content changes re-render the single ItemNode concerned.
 */
export const ItemsLayer = memo(function ItemsLayer({ model, store, onRendered }: Props) {
  const [ids, setIds] = useState<readonly string[]>([])
  const editingId = useSyncExternalStore(store.subscribe, () => store.get().editingId)
  const layerRef = useRef<Konva.Layer>(null)
  const [big, setBig] = useState<typeof import('./bigBoard') | null>(null)

  useEffect(() => {
    let live = true
    void import('./bigBoard').then((m) => live && setBig(m))
    return () => void (live = false)
  }, [])

  // draw only what touches the viewport; a node that a drag or resize has moved away from where
  // the document places it is always drawn
  useEffect(() => {
    const layer = layerRef.current
    if (!(layer instanceof ItemsKonvaLayer)) return
    const paintBox: PaintBox = (node) => {
      const p = model.placement(node.id())
      if (!p || node.x() !== p.x || node.y() !== p.y || node.rotation() !== p.rotation || node.scaleX() !== 1 || node.scaleY() !== 1) return undefined
      return model.paintBounds(node.id())
    }
    layer.paintBox = paintBox
    layer.backdrop = paintDotGrid
    layer.batchDraw()
    return () => {
      layer.paintBox = null
      layer.backdrop = null
    }
  }, [model])

  // a transaction that moved, restyled, rotated or removed thousands of items (a nudge, a big
  // drop, the style panel, a delete, a collaborator's) changes their nodes here, in one Konva
  // batch, instead of re-rendering thousands of components
  useEffect(() => (big ? model.subscribeBulk(big.bulkNodes(model, () => layerRef.current)) : undefined), [model, big])

  useEffect(() => {
    let win: CullWindow | null = null
    let pageId = store.get().pageId
    let current: readonly string[] = []
    const nodes = itemNodes(model.doc)
    const parked = (id: string) => nodes.get(id)?.parent === null
    const refresh = () => {
      const s = store.get()
      win ??= cullWindow(s.camera, s.viewportSize)
      const next = model.query(s.pageId, win.rect)
      // items removed in bulk keep their components (their nodes parked: nodeRegistry.ts) for an
      // undo, until anything else changes what is mounted: then they unmount with it
      if (!sameList(next, current, parked)) {
        const first = current.length === 0
        current = next
        // the first population renders at once (load time); later mounting of newly visible
        // items is interruptible work, so panning stays smooth while it happens
        if (first) setIds(next)
        else startTransition(() => setIds(next))
      }
    }
    // while the layer paints camera moves from a bitmap, newly visible items could not show
    // before the gesture pauses anyway: mounting (and unmounting) waits until then
    let later: ReturnType<typeof setTimeout> | null = null
    const onStore = () => {
      const s = store.get()
      if (s.pageId === pageId && win && windowStillValid(win, s.camera, s.viewportSize)) return
      const layer = layerRef.current
      if (later !== null) clearTimeout(later)
      later = null
      if (s.pageId === pageId && layer instanceof ItemsKonvaLayer && layer.drawsFromBitmap) {
        later = setTimeout(() => {
          later = null
          win = null
          refresh()
        }, SETTLE_MS)
        return
      }
      pageId = s.pageId
      win = null
      refresh()
    }
    const offStore = store.subscribe(onStore)
    // only what can change which items touch the window or their order: a restyle cannot
    const offScene = model.subscribeScene(
      (pages) => {
        if (pages.has(store.get().pageId)) refresh()
      },
      { layoutOnly: true },
    )
    refresh()
    return () => {
      if (later !== null) clearTimeout(later)
      offStore()
      offScene()
    }
  }, [model, store])

  useEffect(() => {
    onRendered?.(ids.length)
    noteMounted(model.doc)
  }, [ids, onRendered, model])

  return (
    <ItemsKonvaLayerElement ref={layerRef}>
      {ids.map((id) => (
        <ItemNode key={id} id={id} model={model} hidden={id === editingId} />
      ))}
    </ItemsKonvaLayerElement>
  )
})
