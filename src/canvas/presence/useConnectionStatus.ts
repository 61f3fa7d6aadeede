import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type { ConnectionStatus } from './statusText'

function currentStatus(p: WebsocketProvider): ConnectionStatus {
  if (p.wsconnected) return 'connected'
  // y-websocket keeps retrying while shouldConnect is set: between attempts it is still "connecting"
  return p.shouldConnect ? 'connecting' : 'disconnected'
}

/** Connection status, number of awareness states (you included) and the browser's online flag. */
export function useConnectionStatus(provider: WebsocketProvider): { status: ConnectionStatus; users: number; online: boolean } {
  const read = () => ({
    status: currentStatus(provider),
    users: provider.awareness.getStates().size,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
  })
  const [v, setV] = useState(read)
  useEffect(() => {
    const on = () =>
      setV((prev) => {
        const next = read()
        return prev.status === next.status && prev.users === next.users && prev.online === next.online ? prev : next
      })
    on()
    provider.on('status', on)
    provider.awareness.on('change', on)
    window.addEventListener('online', on)
    window.addEventListener('offline', on)
    return () => {
      provider.off('status', on)
      provider.awareness.off('change', on)
      window.removeEventListener('online', on)
      window.removeEventListener('offline', on)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [provider])
  return v
}
