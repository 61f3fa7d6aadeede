import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync, type WebsocketProvider } from 'y-websocket'

/**
 * Makes a provider receive-only: it still asks for the server's state (its own SyncStep1 is
 * just a state vector) and applies incoming updates, but never sends document content —
 * no SyncStep2 answer, no broadcast of local updates, no cross-tab BroadcastChannel (another
 * tab of an editor could hand it not-yet-synced edits, or take local ones from it).
 * Used for boards opened with a view link; the server drops viewer updates anyway, this
 * keeps them from ever leaving the device.
 */
export function makeReceiveOnly(provider: WebsocketProvider): void {
  provider.doc.off('update', provider._updateHandler)
  provider.disableBc = true
  if (provider.bcconnected) provider.disconnectBc()
  provider.messageHandlers[messageSync] = (_encoder, decoder, p, emitSynced) => {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case syncProtocol.messageYjsSyncStep1:
        // the server asks for what we have; a viewer has nothing to give
        decoding.readVarUint8Array(decoder)
        break
      case syncProtocol.messageYjsSyncStep2:
        syncProtocol.readSyncStep2(decoder, p.doc, p)
        if (emitSynced && !p.synced) p.synced = true
        break
      case syncProtocol.messageYjsUpdate:
        syncProtocol.readUpdate(decoder, p.doc, p)
        break
      default:
        throw new Error(`unknown sync message type ${type}`)
    }
  }
}

/**
 * Calls `onAnswered` each time this provider answers the server's SyncStep1, i.e. has just sent
 * the server everything it lacked (see PendingChanges). Wraps the stock handler, which stays in charge.
 */
export function onServerAnswered(provider: WebsocketProvider, onAnswered: () => void): void {
  const stock = provider.messageHandlers[messageSync]
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
    // peek at the sync message type without consuming it
    const peek = decoding.createDecoder(decoder.arr)
    peek.pos = decoder.pos
    const type = decoding.readVarUint(peek)
    stock(encoder, decoder, p, emitSynced, messageType)
    // messages from the BroadcastChannel (emitSynced false) are other tabs, not the server
    if (emitSynced && type === syncProtocol.messageYjsSyncStep1) queueMicrotask(onAnswered)
  }
}
