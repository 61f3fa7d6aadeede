import { memo, useCallback, useSyncExternalStore } from 'react'
import type Konva from 'konva'
import { Group } from 'react-konva'
import { SHAPES } from '../shapes'
import type { SceneModel } from './sceneModel'
import { itemNodes } from './nodeRegistry'

interface Props {
  id: string
  model: SceneModel
  /** hidden while edited inline (the HTML editor draws it) */
  hidden: boolean
}

/**
 * One item. It subscribes to its own id in the scene model, so a change to this item re-renders
 * this component only. The group carries the item id (Konva `id`) and name 'item' so a hit-graph
 * lookup can map any child shape back to its item.
 */
export const ItemNode = memo(function ItemNode({ id, model, hidden }: Props) {
  const subscribe = useCallback((l: () => void) => model.subscribeItem(id, l), [model, id])
  const item = useSyncExternalStore(subscribe, () => model.get(id))
  const register = useCallback(
    (node: Konva.Group | null) => {
      const nodes = itemNodes(model.doc)
      if (node) nodes.set(id, node)
      else if (nodes.get(id)) nodes.delete(id)
    },
    [model, id],
  )
  if (!item) return null
  const Shape = SHAPES[item.type]
  return (
    <Group
      ref={register}
      id={id}
      name="item"
      x={item.x}
      y={item.y}
      rotation={item.rotation}
      opacity={item.opacity}
      visible={!hidden}
    >
      <Shape item={item} />
    </Group>
  )
})
