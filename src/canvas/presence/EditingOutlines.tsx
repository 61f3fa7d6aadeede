import type * as Y from 'yjs'
import { Group, Label, Rect, Tag, Text } from '../konva'
import { readableOn } from '../../awareness/color'
import type { Peer } from '../../awareness/types'
import { readItem } from '../../doc'
import { localBox } from '../shapes/bounds'

/**
 * What another user has in hand right now (awareness `editing`): a solid outline in their colour
 * with their name on a tag above it, so two people reaching for one item see each other first.
 */
export function EditingOutlines({ doc, peer, pageId, scale }: { doc: Y.Doc; peer: Peer; pageId: string; scale: number }) {
  const pad = 6 * scale
  return (
    <>
      {(peer.editing ?? []).map((id) => {
        const item = readItem(doc, id)
        if (!item || item.pageId !== pageId) return null
        const b = localBox(item)
        return (
          <Group key={id} name="presence-editing" id={`edit-${peer.clientId}-${id}`} x={item.x} y={item.y} rotation={item.rotation}>
            <Rect x={b.x - pad} y={b.y - pad} width={b.width + pad * 2} height={b.height + pad * 2} stroke={peer.user.color} strokeWidth={2.5 * scale} cornerRadius={4 * scale} />
            <Label x={b.x - pad} y={b.y - pad - 22 * scale} scaleX={scale} scaleY={scale}>
              <Tag fill={peer.user.color} cornerRadius={4} />
              <Text name="presence-editing-label" text={peer.user.name} fontSize={12} fontFamily="system-ui, sans-serif" fontStyle="600" fill={readableOn(peer.user.color)} padding={4} />
            </Label>
          </Group>
        )
      })}
    </>
  )
}
