import { useEffect } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { conflictNotice, peerEditingAny } from '../../awareness/conflicts'
import { derivePeers } from '../../awareness/peers'
import type { EditorStore } from '../state/editorStore'
import { postToast } from '../ui/Toast'

/**
 * When we start dragging, resizing or typing in an item that someone else has in hand, a gentle
 * notice names them (once per gesture; nothing is blocked: both edits merge as usual).
 */
export function useConflictNotice(awareness: Awareness, store: EditorStore): void {
  useEffect(() => {
    let lastGesture = store.get().gestureIds
    let lastEditing = store.get().editingId
    return store.subscribe(() => {
      const s = store.get()
      const grabbed = s.gestureIds !== lastGesture && s.gestureIds.length > 0
      const typing = s.editingId !== lastEditing && s.editingId !== null
      lastGesture = s.gestureIds
      lastEditing = s.editingId
      if (!grabbed && !typing) return
      const ids = typing ? [s.editingId!] : s.gestureIds
      const other = peerEditingAny(derivePeers(awareness.getStates(), awareness.clientID), ids)
      if (other) postToast(store, conflictNotice(other.user.name, typing))
    })
  }, [awareness, store])
}
