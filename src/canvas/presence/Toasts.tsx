import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { derivePeers } from '../../awareness/peers'
import { createRosterTracker } from '../../awareness/roster'
import { FONT } from './styles'

const TOAST_MS = 4_000
const MAX_TOASTS = 4

interface Toast {
  key: number
  text: string
}

/** "NAME joined" / "NAME left" toasts, bottom centre above the page switcher. */
export function Toasts({ provider }: { provider: WebsocketProvider }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  useEffect(() => {
    const awareness = provider.awareness
    const tracker = createRosterTracker()
    let connectedSince: number | null = provider.wsconnected ? Date.now() : null
    let seq = 0
    const timers = new Set<ReturnType<typeof setTimeout>>()
    const check = () => {
      const events = tracker.update(derivePeers(awareness.getStates(), awareness.clientID), connectedSince, Date.now())
      for (const e of events) {
        const key = ++seq
        setToasts((ts) => [...ts, { key, text: `${e.name} ${e.type}` }].slice(-MAX_TOASTS))
        const t = setTimeout(() => {
          timers.delete(t)
          setToasts((ts) => ts.filter((x) => x.key !== key))
        }, TOAST_MS)
        timers.add(t)
      }
    }
    const onStatus = () => {
      if (provider.wsconnected && connectedSince === null) connectedSince = Date.now()
      if (!provider.wsconnected) connectedSince = null
      check()
    }
    check()
    // pending leaves mature with time, not only on awareness events
    const tick = setInterval(check, 500)
    provider.on('status', onStatus)
    awareness.on('change', check)
    return () => {
      provider.off('status', onStatus)
      awareness.off('change', check)
      clearInterval(tick)
      for (const t of timers) clearTimeout(t)
    }
  }, [provider])
  return (
    <div style={{ position: 'absolute', left: '50%', bottom: 68, transform: 'translateX(-50%)', display: 'flex', flexDirection: 'column', gap: 6, alignItems: 'center', pointerEvents: 'none' }}>
      {toasts.map((t) => (
        <div
          key={t.key}
          data-testid="toast"
          role="status"
          style={{ background: '#212529', color: '#fff', fontFamily: FONT, fontSize: 13, padding: '6px 12px', borderRadius: 8, boxShadow: '0 4px 12px rgba(0,0,0,0.2)' }}
        >
          {t.text}
        </div>
      ))}
    </div>
  )
}
