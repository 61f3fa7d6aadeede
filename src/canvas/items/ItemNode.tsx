import { memo, useCallback, useSyncExternalStore } from 'react'
import type Konva from 'konva'
import { SHAPES } from '../shapes'
import type { SceneModel } from './sceneModel'
import { itemNodes } from './nodeRegistry'
import { noteItemRender } from './renderCount'

interface Props {
  id: string
  model: SceneModel
  /** hidden while edited inline (the HTML editor draws it) */
  hidden: boolean
}

/**
 * One item. It subscribes to its own id in the scene model, so a change to this item re-renders
 * this component only; a transaction that moves, restyles or removes thousands of items changes
 * their nodes instead (SceneModel.subscribeBulk, bulkNodes.ts). The shape is keyed by the scene
 * model's count of such changes, so the render after one builds the node afresh rather than
 * diffing against props the node no longer has. Its root Konva node carries the item id (Konva
 * `id`) and name 'item' so a hit-graph lookup maps any shape back to its item.
 */
export const ItemNode = memo(function ItemNode({ id, model, hidden }: Props) {
  const subscribe = useCallback((l: () => void) => model.subscribeItem(id, l, { skipBulkMoves: true }), [model, id])
  const item = useSyncExternalStore(subscribe, () => model.get(id))
  const ref = useCallback(
    (node: Konva.Node | null) => {
      const nodes = itemNodes(model.doc)
      if (node) nodes.set(id, node)
      else nodes.delete(id)
    },
    [model, id],
  )
  if (!item) return null
  noteItemRender(id)
  const Shape = SHAPES[item.type]
  // a shape whose label is being edited stays drawn; only its label gives way to the editor
  const keepShape = hidden && (item.type === 'rect' || item.type === 'ellipse' || item.type === 'frame')
  const drawn = keepShape ? { ...item, text: item.type === 'frame' ? ' ' : '' } : item
  return (
    <Shape
      key={model.generation(id)}
      item={drawn}
      node={{ ref, id, name: 'item', x: item.x, y: item.y, rotation: item.rotation, opacity: item.opacity, visible: !hidden || keepShape }}
    />
  )
})
