import { lazy, Suspense, useEffect, useState } from 'react'
import { retryImport } from '../../canvas/retryImport'

/** Opens the History panel from anywhere (the ☰ menu dispatches it). */
export const OPEN_HISTORY_EVENT = 'tessera:open-history'

// The panel itself (versions list, preview, replay, restore) is its own chunk, fetched the first
// time the panel opens; the service worker precaches it with the app, so it opens offline too.
const HistoryView = lazy(() => retryImport(() => import('./HistoryView')))

/**
 * The History panel (Ctrl/Cmd+Shift+H or the ☰ menu): the room's versions with who and when, a
 * scrubber that shows the board at a version read-only over the live one (which keeps syncing
 * underneath), replay of the edits from a version on through the newest at 1×/4×/16×, restore
 * (one undo step for whoever restores; the state restored over is kept as a version first) and
 * "name this version".
 */
export function HistoryPanel() {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'h') {
        e.preventDefault()
        setOpen((v) => !v)
      }
    }
    const onOpen = () => setOpen(true)
    window.addEventListener('keydown', onKey)
    window.addEventListener(OPEN_HISTORY_EVENT, onOpen)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener(OPEN_HISTORY_EVENT, onOpen)
    }
  }, [])
  return open ? (
    <Suspense fallback={null}>
      <HistoryView onClose={() => setOpen(false)} />
    </Suspense>
  ) : null
}
