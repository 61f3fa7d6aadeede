import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { LinearShape } from './linear'

/** An arrow: a line whose end has an arrowhead unless its `arrowheads` say otherwise. */
export function ArrowShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return <LinearShape item={item} node={node} />
}
