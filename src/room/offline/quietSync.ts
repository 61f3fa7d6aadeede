import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync, type WebsocketProvider } from 'y-websocket'

/** Server updates at least this large take the quiet path (a cold join of a big board is megabytes). */
export const QUIET_MIN_BYTES = 64 * 1024

type UpdateListener = (update: Uint8Array, origin: unknown) => void

/** The doc's 'update' listeners (lib0 Observable keeps them in `_observers`), or null if unreadable. */
function updateListeners(doc: Y.Doc): { map: Map<string, Set<unknown>>; set: Set<unknown> | undefined } | null {
  const map: unknown = (doc as unknown as { _observers?: unknown })._observers
  if (!(map instanceof Map)) return null
  const set: unknown = map.get('update')
  if (set !== undefined && !(set instanceof Set)) return null
  return { map: map as Map<string, Set<unknown>>, set }
}

/**
 * Applies big server updates (SyncStep2 of a cold join, large broadcasts) without Yjs
 * re-encoding them for the doc's 'update' listeners. Profiling a 10,000-item join showed that
 * encoding (~20% of the sync transaction plus its garbage) bought nothing: every listener of
 * ours ignores updates whose origin is the provider, except the IndexedDB copy, which is handed
 * the server's bytes as they came instead. Used only while the 'update' listeners are exactly
 * the known ones (`ignoresProvider` plus `store`); anything else gets the stock handler.
 */
export function quietServerUpdates(
  provider: WebsocketProvider,
  ignoresProvider: () => readonly unknown[],
  store: () => UpdateListener | null,
): void {
  const next = provider.messageHandlers[messageSync]
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
    const peek = decoding.clone(decoder)
    const type = decoding.readVarUint(peek)
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(peek)
      const listeners = update.length >= QUIET_MIN_BYTES ? updateListeners(p.doc) : null
      const storeUpdate = store()
      const known = new Set<unknown>([...ignoresProvider(), ...(storeUpdate ? [storeUpdate] : [])])
      if (listeners && [...(listeners.set ?? [])].every((l) => known.has(l))) {
        decoder.pos = peek.pos
        const { map, set } = listeners
        map.delete('update')
        const started = performance.now()
        try {
          Y.applyUpdate(p.doc, update, p)
        } catch (error) {
          console.error('Caught error while handling a Yjs update', error) // as the stock handler does
        } finally {
          const addedMeanwhile = map.get('update')
          if (set) {
            if (addedMeanwhile) for (const l of addedMeanwhile) set.add(l)
            map.set('update', set)
          }
        }
        performance.measure('tessera:apply-server-update', { start: started, detail: update.length })
        storeUpdate?.(update, p)
        if (type === syncProtocol.messageYjsSyncStep2 && emitSynced && !p.synced) p.synced = true
        return
      }
    }
    next(encoder, decoder, p, emitSynced, messageType)
  }
}
