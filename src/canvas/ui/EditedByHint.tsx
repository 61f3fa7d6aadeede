import { useBoard } from '../board/BoardContext'
import { sceneToScreen } from '../camera'
import { sceneModelFor } from '../items/sceneModel'
import { useEditor, useItemsVersion } from './hooks'

/** "last edited by NAME" next to the pointer once it rests on an item that records its author. */
export function EditedByHint() {
  const { conn } = useBoard()
  useItemsVersion(conn.doc)
  const hoverId = useEditor((s) => s.hoverId)
  const pointer = useEditor((s) => s.pointer)
  const camera = useEditor((s) => s.camera)
  const size = useEditor((s) => s.viewportSize)
  const busy = useEditor((s) => s.gestureIds.length > 0 || s.editingId !== null)
  if (!hoverId || !pointer || busy) return null
  const by = sceneModelFor(conn.doc).get(hoverId)?.updatedBy
  if (!by) return null
  const at = sceneToScreen(pointer, camera, size)
  return (
    <div className="tsr-hint" data-testid="edited-by" style={{ left: at.x + 14, top: at.y + 18 }}>
      last edited by <strong>{by}</strong>
    </div>
  )
}
