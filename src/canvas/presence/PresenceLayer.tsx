import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type Konva from 'konva'
import { Tween } from 'konva/lib/Tween'
import type * as Y from 'yjs'
import { Group, Path, Rect, Tag, Text, Label } from '../konva'
import { useBoard } from '../board/BoardContext'
import { createCursorActivity } from '../../awareness/cursorActivity'
import { peersSelectingOn, visibleCursors } from '../../awareness/peers'
import { readableOn } from '../../awareness/color'
import type { Peer } from '../../awareness/types'
import { readItem } from '../../doc'
import { localBox } from '../shapes/bounds'
import { CURSOR_INTERVAL_MS } from '../../awareness/publish'
import { usePeers } from './usePeers'
import { peersEditingOn } from '../../awareness/conflicts'
import { EditingOutlines } from './EditingOutlines'
import { LaserTrails } from './LaserTrails'
import { useConflictNotice } from './useConflictNotice'
import { useItemsVersion } from '../ui/hooks'

/** A cursor that has not moved for this long is hidden (it reappears on the next move). */
export const CURSOR_IDLE_MS = 5_000

// Classic pointer arrow, tip at (0,0), drawn at screen size (the group is scaled by 1/zoom).
const ARROW = 'M0,0 L0,17.5 L4.6,13.3 L7.6,20 L10.6,18.7 L7.7,12.2 L13.6,12.2 Z'

/**
 * Others' cursors and selection outlines, in scene coordinates under the stage's camera
 * transform. Sizes are divided by the zoom so cursors, labels and outline strokes keep
 * the same size on screen at any zoom. It is a non-listening group at the top of the overlay
 * layer rather than a layer of its own: every Konva layer costs two full-window canvases.
 */
export function PresenceLayer() {
  const { conn, store } = useBoard()
  const peers = usePeers(conn.awareness)
  const pageId = useSyncExternalStore(store.subscribe, () => store.get().pageId)
  useConflictNotice(conn.awareness, store)
  const activity = useMemo(() => createCursorActivity(), [])
  const [now, setNow] = useState(() => Date.now())
  const lastMoved = activity.update(peers, Date.now())

  // re-check idleness once a second so still cursors fade out without any awareness event
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(t)
  }, [])

  // selection outlines follow the selected items as they move
  useItemsVersion(conn.doc)

  const cursors = visibleCursors(peers, pageId, lastMoved, Math.max(now, Date.now()), CURSOR_IDLE_MS)
  const selecting = peersSelectingOn(peers, pageId)
  const editing = peersEditingOn(peers, pageId)
  // the zoom only matters while others' cursors or selections are drawn: with nobody to show,
  // panning and zooming re-render nothing here
  const drawsPeers = cursors.length > 0 || selecting.length > 0 || editing.length > 0
  const zoom = useSyncExternalStore(store.subscribe, () => (drawsPeers ? store.get().camera.zoom : 1))
  const s = 1 / zoom

  return (
    <Group listening={false} name="presence">
      {selecting.map((p) => (
        <SelectionOutlines key={p.clientId} doc={conn.doc} peer={p} pageId={pageId} scale={s} />
      ))}
      {editing.map((p) => (
        <EditingOutlines key={p.clientId} doc={conn.doc} peer={p} pageId={pageId} scale={s} />
      ))}
      <LaserTrails />
      {cursors.map((p) => (
        <RemoteCursor key={p.clientId} peer={p} scale={s} />
      ))}
    </Group>
  )
}

/**
 * Dashed outlines, in the peer's colour, around the items they have selected on this page, the
 * first one tagged with their name: a colour near our own selection's accent (a purple) is then
 * still told apart from our handles by the dashes and the name.
 */
function SelectionOutlines({ doc, peer, pageId, scale }: { doc: Y.Doc; peer: Peer; pageId: string; scale: number }) {
  const pad = 4 * scale
  let named = false
  return (
    <>
      {peer.selection.map((id) => {
        if (peer.editing?.includes(id)) return null // drawn solid, with the name, by EditingOutlines
        const item = readItem(doc, id)
        if (!item || item.pageId !== pageId) return null
        const b = localBox(item)
        const withName = !named
        named = true
        return (
          <Group key={id} name="presence-selection" id={`sel-${peer.clientId}-${id}`} x={item.x} y={item.y} rotation={item.rotation}>
            <Rect x={b.x - pad} y={b.y - pad} width={b.width + pad * 2} height={b.height + pad * 2} stroke={peer.user.color} strokeWidth={2 * scale} dash={[6 * scale, 3 * scale]} cornerRadius={3 * scale} />
            {withName && (
              <Label x={b.x - pad} y={b.y + b.height + pad + 3 * scale} scaleX={scale} scaleY={scale}>
                <Tag fill={peer.user.color} cornerRadius={4} />
                <Text name="presence-selection-label" text={peer.user.name} fontSize={11} fontFamily="system-ui, sans-serif" fontStyle="600" fill={readableOn(peer.user.color)} padding={3} />
              </Label>
            )}
          </Group>
        )
      })}
    </>
  )
}

/**
 * One remote cursor. Positions arrive at ~12 Hz, so the node glides to each new position over
 * about one send interval instead of jumping (x/y are set imperatively, not as props).
 */
function RemoteCursor({ peer, scale }: { peer: Peer; scale: number }) {
  const ref = useRef<Konva.Group>(null)
  const first = useRef({ x: peer.cursor!.x, y: peer.cursor!.y })
  const { x, y } = peer.cursor!
  useEffect(() => {
    const node = ref.current
    if (!node) return
    const far = Math.hypot(node.x() - x, node.y() - y) * scale > 400 // teleport rather than fly across the screen
    if (far) {
      node.position({ x, y })
      return
    }
    const tween = new Tween({ node, x, y, duration: (CURSOR_INTERVAL_MS * 1.2) / 1000 })
    tween.play()
    return () => tween.destroy()
  }, [x, y, scale])
  return (
    <Group ref={ref} name="presence-cursor" id={`cursor-${peer.clientId}`} x={first.current.x} y={first.current.y} scaleX={scale} scaleY={scale}>
      <Path data={ARROW} fill={peer.user.color} stroke="#ffffff" strokeWidth={1.5} shadowColor="#000" shadowOpacity={0.25} shadowBlur={3} shadowOffsetY={1} />
      <Label x={12} y={20}>
        <Tag fill={peer.user.color} cornerRadius={4} />
        <Text name="presence-cursor-label" text={peer.user.name} fontSize={12} fontFamily="system-ui, sans-serif" fontStyle="600" fill={readableOn(peer.user.color)} padding={4} />
      </Label>
    </Group>
  )
}
