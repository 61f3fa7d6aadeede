// y-websocket drops every remote awareness state when its socket closes, but y-protocols keeps
// each dropped client's clock in `awareness.meta`. After a reconnect the server (restarted, or
// simply relaying) re-sends those users' states with the same clock, which y-protocols rejects
// as "not newer" — so they would stay invisible until their next change or 15 s renewal.
// Forgetting the clocks of clients without a state lets their next state in at once.
import type { Awareness } from 'y-protocols/awareness'

export function forgetRemovedClients(awareness: Awareness): number {
  let n = 0
  for (const id of [...awareness.meta.keys()]) {
    if (id !== awareness.clientID && !awareness.states.has(id)) {
      awareness.meta.delete(id)
      n++
    }
  }
  return n
}

/** Minimal provider surface (WebsocketProvider satisfies it). */
export interface StatusEmitter {
  on(event: 'status', cb: (e: { status: string }) => void): void
  off(event: 'status', cb: (e: { status: string }) => void): void
}

/** Runs forgetRemovedClients whenever the connection drops or comes back; returns unsubscribe. */
export function keepRemoteClocksFresh(provider: StatusEmitter, awareness: Awareness): () => void {
  const on = () => void forgetRemovedClients(awareness)
  provider.on('status', on)
  return () => provider.off('status', on)
}
