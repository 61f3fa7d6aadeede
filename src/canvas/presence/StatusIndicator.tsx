import type { WebsocketProvider } from 'y-websocket'
import { usePendingChanges } from '../offline/pending'
import { statusText } from './statusText'
import { useConnectionStatus } from './useConnectionStatus'
import { panel } from './styles'

const DOT: Record<string, string> = { connected: '#2f9e44', connecting: '#f08c00', disconnected: '#adb5bd', offline: '#e03131' }

/** Bottom-right connection status. `pending` overrides this board's count of changes not yet on the server. */
export function StatusIndicator({ provider, pending }: { provider: WebsocketProvider; pending?: number }) {
  const s = useConnectionStatus(provider)
  const own = usePendingChanges()
  const text = statusText({ ...s, pending: pending ?? own })
  const dot = s.online ? DOT[s.status] : DOT.offline
  return (
    <div
      data-testid="status-indicator"
      data-status={s.online ? s.status : 'offline'}
      role="status"
      aria-live="polite"
      style={{ ...panel, display: 'flex', alignItems: 'center', gap: 6, padding: '5px 10px', fontSize: 12, color: '#495057', pointerEvents: 'none' }}
    >
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: dot, flex: 'none' }} />
      <span data-testid="status-text">{text}</span>
    </div>
  )
}
