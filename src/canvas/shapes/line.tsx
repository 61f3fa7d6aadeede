import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { LinearShape } from './linear'

/** A line: no heads unless its `arrowheads` give it some. */
export function LineShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return <LinearShape item={item} node={node} />
}
