import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'

/**
 * A group draws nothing of its own: its members (the items whose parentId it is) are drawn as
 * themselves, and selecting the group selects their outline (transform/SelectionTransformer.tsx).
 */
export function GroupShape(_props: { item: Item; node: ItemNodeProps }) {
  return null
}
