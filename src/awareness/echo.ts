// The stock y-websocket client re-sends every awareness change it *receives* back to the server
// (its 'update' handler ignores the origin). With N users moving cursors that multiplies each
// client's upload by N; the server drops the echoes (their clocks are not newer) but still has
// to decode them. We send only changes that did not come from the provider itself.
import type { Awareness } from 'y-protocols/awareness'

type AwarenessHandler = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void

/** The WebsocketProvider fields involved (public in y-websocket 3, underscore-named). */
export interface AwarenessSendingProvider {
  awareness: Awareness
  _awarenessUpdateHandler: AwarenessHandler
}

const FILTERED = Symbol('tessera.ownAwarenessOnly')

/** Idempotent; provider.destroy() keeps working (it unregisters the swapped-in handler). */
export function sendOwnAwarenessOnly(provider: AwarenessSendingProvider): void {
  const original = provider._awarenessUpdateHandler as AwarenessHandler & { [FILTERED]?: true }
  if (original[FILTERED]) return
  const filtered = Object.assign(
    (changes: Parameters<AwarenessHandler>[0], origin: unknown) => {
      if (origin === provider) return // applied from the network (or dropped on close): not ours to send
      original(changes, origin)
    },
    { [FILTERED]: true as const },
  )
  provider.awareness.off('update', original)
  provider.awareness.on('update', filtered)
  provider._awarenessUpdateHandler = filtered
}
