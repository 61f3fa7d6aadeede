import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { byMe } from '../state/editorStore'
import type Konva from 'konva'
import { Transformer } from '../konva'
import { endGesture, startGesture, updateItems } from '../../doc'
import { useBoard } from '../board/BoardContext'
import { itemNodes, subscribeMounted } from '../items/nodeRegistry'
import type { SceneModel } from '../items/sceneModel'
import { mustKeepRatio } from './resizePatch'
import { transformUpdates, type TransformedNode } from './transformWrites'
import { singleLinear } from './linearSelection'
import { BigTransform, makeProxy, placeProxy, unionBounds } from './bigSelection'
import { BULK_MOVE } from '../items/sceneModel'
import { MAX_ANNOUNCED_IDS } from '../tools/select/translate'
import KonvaCore from 'konva/lib/Core'

export const ACCENT = '#4f46e5'

const ALL_ANCHORS = ['top-left', 'top-center', 'top-right', 'middle-right', 'middle-left', 'bottom-left', 'bottom-center', 'bottom-right']
const CORNER_ANCHORS = ['top-left', 'top-right', 'bottom-left', 'bottom-right']

/**
 * Selection outline with resize and rotate handles (a Konva Transformer over the selected,
 * mounted item nodes). The result is written once, on transform end, inside one undo gesture.
 * Read-only boards show the outline without handles. A selection with items turned against the
 * box (see mustKeepRatio) resizes proportionally, by the corners: an uneven scale would shear them.
 */
export function SelectionTransformer({ model }: { model: SceneModel }) {
  const { conn, store, undo } = useBoard()
  const ref = useRef<Konva.Transformer>(null)
  const [keepRatio, setKeepRatio] = useState(false)
  /** over a big selection the box holds one proxy rectangle (bigSelection.ts); these are the nodes it stands for */
  const big = useRef<{ proxy: Konva.Rect; nodes: Konva.Node[] }>({ proxy: makeProxy(), nodes: [] })
  const bigGesture = useRef<BigTransform | null>(null)
  const editable = useSyncExternalStore(store.subscribe, () => {
    const s = store.get()
    return !s.readOnly && s.tool === 'select'
  })

  // attach to the selected nodes; re-resolved once per frame after selection or scene changes,
  // since freshly added items mount (and register their nodes) only after React commits
  useEffect(() => {
    const tr = ref.current
    if (!tr) return
    let frame: number | null = null
    let lastKey = ''
    const resolve = () => {
      frame = null
      // never mid-transform: that would swap the box's nodes under the pointer (the end re-resolves)
      if (tr.isTransforming()) return
      const s = store.get()
      const nodes = itemNodes(conn.doc)
      const picked: Konva.Node[] = []
      const translating = s.gestureIds.length > 0 && !tr.isTransforming()
      // a group is outlined by its members; a lone line or arrow gets tip handles instead
      // (LinearHandles), an image being cropped its crop handles (CropHandles)
      if (!translating && (!s.editingId || s.selection.length > 1) && !s.croppingId && !singleLinear(model, s.selection))
        for (const id of s.selection) {
          const ids = model.placement(id)?.type === 'group' ? model.withDescendants([id]) : [id]
          for (const m of ids) {
            const n = nodes.get(m)
            if (n && n.getStage()) picked.push(n)
          }
        }
      let key = picked.map((n) => n._id).join(',')
      const { proxy } = big.current
      if (picked.length >= BULK_MOVE) {
        big.current.nodes = picked
        if (proxy.getParent() !== tr.getParent()) tr.getParent()?.add(proxy)
        const box = unionBounds(model, picked.map((n) => n.id()))
        if (box) placeProxy(proxy, box)
        key = `big:${key}`
        if (key !== lastKey) {
          lastKey = key
          tr.nodes([proxy])
        }
      } else {
        big.current.nodes = []
        proxy.remove()
        if (key !== lastKey) {
          lastKey = key
          tr.nodes(picked)
        }
      }
      if (picked.length > 0) tr.forceUpdate()
      setKeepRatio(mustKeepRatio(picked.map((n) => n.getAbsoluteRotation()), tr.rotation()))
      tr.getLayer()?.batchDraw()
    }
    const schedule = () => {
      if (frame === null) frame = requestAnimationFrame(resolve)
    }
    let lastSel = store.get().selection
    let lastEditing = store.get().editingId
    let lastCropping = store.get().croppingId
    let lastGesture = store.get().gestureIds
    const offStore = store.subscribe(() => {
      const s = store.get()
      if (s.gestureIds !== lastGesture) {
        lastGesture = s.gestureIds
        // A drag of the selection (a gesture that is not this transformer's own): the box lets go
        // of the nodes until it ends, as tldraw hides its handles while translating. Attached, it
        // re-measured every selected node for every node moved — at 2,000 selected items each
        // pointer move froze the tab for seconds. The end of the gesture attaches it again.
        if (s.gestureIds.length > 0 && !tr.isTransforming()) {
          lastKey = ''
          tr.nodes([])
          tr.getLayer()?.batchDraw()
        } else if (s.gestureIds.length === 0) schedule()
      }
      if (s.selection !== lastSel || s.editingId !== lastEditing || s.croppingId !== lastCropping) {
        lastSel = s.selection
        lastEditing = s.editingId
        lastCropping = s.croppingId
        schedule()
      }
    })
    const offScene = model.subscribeScene(schedule)
    // the selected items mounted later (culling waits for the camera to rest: right after a zoom
    // to fit only the first view's items may be there) join the box then, not at the next edit
    const offMounted = subscribeMounted(conn.doc, () => {
      if (store.get().selection.length > 0) schedule()
    })
    // thousands of items removed at once (a delete, a collaborator's): their nodes are destroyed
    // one by one when React unmounts them, and each destroy took its node out of the box's list
    // (a copy of the list per node). The box lets go of all of them now in one call. (A bulk
    // restyle or rotation needs nothing here: Konva measures the box once after the batch.)
    const offBulk = model.subscribeBulk({
      removed: () => {
        if (tr.isTransforming() || tr.nodes().length === 0) return
        lastKey = ''
        tr.nodes([])
      },
    })
    resolve()
    return () => {
      offStore()
      offScene()
      offMounted()
      offBulk()
      if (frame !== null) cancelAnimationFrame(frame)
    }
  }, [conn, store, model])

  const onStart = () => {
    startGesture(undo)
    const tr = ref.current
    const { proxy, nodes } = big.current
    if (tr && nodes.length > 0 && tr.nodes()[0] === proxy) {
      // a big selection turns or stretches as one bitmap; the nodes change once, at the end
      const ids = nodes.map((n) => n.id())
      bigGesture.current = new BigTransform(proxy, nodes, new Set(ids))
      store.setGestureIds(ids.slice(0, MAX_ANNOUNCED_IDS))
    } else store.setGestureIds((tr?.nodes() ?? []).map((n) => n.id()))
  }
  const onEnd = () => {
    store.setGestureIds([])
    const tr = ref.current
    const g = bigGesture.current
    bigGesture.current = null
    if (!tr) {
      g?.end()
      return endGesture(undo)
    }
    const moved: TransformedNode[] = g ? g.placements() : []
    // one Konva batch: nodes reset one by one each asked for a redraw
    if (!g)
      KonvaCore.Node._updateBatch(() => {
        for (const node of tr.nodes()) {
          moved.push({ id: node.id(), x: node.x(), y: node.y(), rotation: node.rotation(), scaleX: node.scaleX(), scaleY: node.scaleY() })
          // the new size arrives through the doc; the node must not keep the scale on top of it, nor
          // a skew (items have none; with keepRatio at most float noise of one is left)
          node.scale({ x: 1, y: 1 })
          node.skew({ x: 0, y: 0 })
        }
      })
    // the items, and the box of each group holding one of them
    const updates = transformUpdates(model, moved)
    if (updates.length > 0) updateItems(conn.doc, updates, byMe(store))
    endGesture(undo)
    g?.end()
  }

  return (
    <Transformer
      ref={ref}
      rotateEnabled={editable}
      resizeEnabled={editable}
      flipEnabled={false}
      keepRatio={keepRatio}
      enabledAnchors={keepRatio ? CORNER_ANCHORS : ALL_ANCHORS}
      ignoreStroke
      borderStroke={ACCENT}
      borderStrokeWidth={1.5}
      anchorStroke={ACCENT}
      anchorFill="#ffffff"
      anchorSize={9}
      anchorCornerRadius={2}
      anchorStrokeWidth={1.5}
      rotateAnchorOffset={26}
      rotationSnaps={[0, 45, 90, 135, 180, 225, 270, 315]}
      rotationSnapTolerance={4}
      padding={2}
      boundBoxFunc={(oldBox, newBox) => (newBox.width < 2 || newBox.height < 2 ? oldBox : newBox)}
      onTransformStart={onStart}
      onTransform={() => bigGesture.current?.paint()}
      onTransformEnd={onEnd}
    />
  )
}
