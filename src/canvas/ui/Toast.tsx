import { useCallback, useEffect, useRef, useState } from 'react'

export interface ToastMessage {
  id: number
  message: string
  kind: 'info' | 'error'
}

/** One toast at a time, bottom-centre above the pages; errors stay until dismissed. */
export function useToast(): { toast: ToastMessage | null; notify: (m: string, kind?: 'info' | 'error') => void; dismiss: () => void } {
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const seq = useRef(0)
  const notify = useCallback((message: string, kind: 'info' | 'error' = 'info') => setToast({ id: ++seq.current, message, kind }), [])
  const dismiss = useCallback(() => setToast(null), [])
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
