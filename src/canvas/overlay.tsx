import 'konva/lib/shapes/Transformer'
import 'konva/lib/shapes/Path'
import type { SceneModel } from './items/sceneModel'
import { PresenceLayer } from './presence/PresenceLayer'
import { OverlayLayer } from './transform/OverlayLayer'

/**
 * The layer above the items (selection handles, marquee, snap guides, others' cursors and
 * selections) as a chunk of its own: Konva's Transformer and Tween and the presence drawing are
 * about a sixth of the editor's code, and none of it is needed for a board's first frame.
 * Stage loads it at the first idle moment after mount (useIdleOverlay).
 */
export function Overlay({ model }: { model: SceneModel }) {
  return (
    <OverlayLayer model={model}>
      <PresenceLayer />
    </OverlayLayer>
  )
}
