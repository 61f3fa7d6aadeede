import { useCallback, useEffect, useRef, useState } from 'react'
import { useBoard } from '../board/BoardContext'
import type { EditorStore } from '../state/editorStore'

export interface ToastMessage {
  id: number
  message: string
  kind: 'info' | 'error'
}

type ToastKind = ToastMessage['kind']
type Listener = (message: string, kind: ToastKind) => void

// Parts of the editor that are not handed `notify` (the inline text editor) post through the
// board's store instead; the board's useToast shows them like its own.
const listeners = new WeakMap<EditorStore, Set<Listener>>()

/** Shows a toast in the editor of this store (a no-op when none is mounted). */
export function postToast(store: EditorStore, message: string, kind: ToastKind = 'info'): void {
  for (const l of [...(listeners.get(store) ?? [])]) l(message, kind)
}

function listen(store: EditorStore, l: Listener): () => void {
  const set = listeners.get(store) ?? new Set<Listener>()
  listeners.set(store, set)
  set.add(l)
  return () => set.delete(l)
}

/** One toast at a time, bottom-centre above the pages; errors stay until dismissed. */
export function useToast(): { toast: ToastMessage | null; notify: (m: string, kind?: ToastKind) => void; dismiss: () => void } {
  const { store } = useBoard()
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const seq = useRef(0)
  const notify = useCallback((message: string, kind: ToastKind = 'info') => setToast({ id: ++seq.current, message, kind }), [])
  const dismiss = useCallback(() => setToast(null), [])
  useEffect(() => listen(store, notify), [store, notify])
  useEffect(() => {
    if (!toast || toast.kind === 'error') return
    const t = setTimeout(() => setToast((cur) => (cur?.id === toast.id ? null : cur)), 4000)
    return () => clearTimeout(t)
  }, [toast])
  return { toast, notify, dismiss }
}

export function Toast({ toast, onDismiss }: { toast: ToastMessage; onDismiss: () => void }) {
  return (
    <div className={`tsr-panel tsr-toast tsr-toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="editor-toast">
      <span>{toast.message}</span>
      <button type="button" className="tsr-text-btn" data-testid="editor-toast-close" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}
