import type * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync, type WebsocketProvider } from 'y-websocket'

/** Most sent updates remembered while their echoes are awaited (older ones are forgotten). */
export const MAX_AWAITED_UPDATES = 1_000
/** Most bytes of sent updates remembered while their echoes are awaited. */
export const MAX_AWAITED_BYTES = 64 * 1024 * 1024

export interface OwnEchoes {
  /** sent updates whose echo has not come back yet */
  awaited(): number
  /** echoes recognised and not applied again since the start */
  skipped(): number
  /** the doc 'update' listener this added (it ignores updates whose origin is the provider) */
  readonly updateListener: (update: Uint8Array, origin: unknown) => void
  /** stops recognising echoes (the provider's stock handling comes back) */
  destroy(): void
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The update of the SyncStep2 answer the handler wrote into a reply from byte `from` on, if any. */
function answeredUpdate(reply: Uint8Array, from: number): Uint8Array | null {
  const d = decoding.createDecoder(reply)
  d.pos = from
  if (decoding.readVarUint(d) !== messageSync || decoding.readVarUint(d) !== syncProtocol.messageYjsSyncStep2) return null
  return decoding.readVarUint8Array(d)
}

/**
 * The sync server relays every stored update to all of a room's connections, its sender
 * included (the sender's confirmation; CONTRACT §2). Yjs would apply such an echo again as a
 * no-op, but not for free: decoding it and checking each struct cost the writer of a
 * 10,000-item restyle 362 ms. This remembers the updates the provider sends on its socket and,
 * when one of them comes back byte for byte as a sync update, reads it without applying it.
 * Anything else (another client's update, the server's answers, a merged update) goes to the
 * handler that was in place, unchanged. The server relays one sender's updates in order, so
 * when an echo is recognised the updates sent before it are not awaited any more.
 */
export function skipOwnEchoes(provider: WebsocketProvider, onConfirmed: (update: Uint8Array) => void = () => {}): OwnEchoes {
  const doc: Y.Doc = provider.doc
  const sent: Uint8Array[] = []
  let bytes = 0
  let skippedCount = 0

  const forgetUpTo = (n: number) => {
    for (const u of sent.splice(0, n)) bytes -= u.length
  }
  const forgetAll = () => forgetUpTo(sent.length)

  const remember = (update: Uint8Array | null) => {
    // (an empty update, two zero bytes, is not relayed)
    if (!update || update.length <= 2 || update.length > MAX_AWAITED_BYTES) return
    sent.push(update)
    bytes += update.length
    while (sent.length > MAX_AWAITED_UPDATES || bytes > MAX_AWAITED_BYTES) forgetUpTo(1)
  }
  // Registered after the provider's own listener: the update has just gone out on the socket.
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== provider && provider.wsconnected) remember(update)
  }
  doc.on('update', onUpdate)

  // An update sent on a socket that closed may never come back; a new connection's sync covers it.
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') forgetAll()
  }
  provider.on('status', onStatus)

  const next = provider.messageHandlers[messageSync]
  const mine: typeof next = (encoder, decoder, p, emitSynced, messageType) => {
    // emitSynced is false for messages from other tabs (BroadcastChannel): only the server echoes
    if (!emitSynced) return next(encoder, decoder, p, emitSynced, messageType)
    const peek = decoding.clone(decoder)
    const type = decoding.readVarUint(peek)
    if (type === syncProtocol.messageYjsSyncStep1) {
      // Our answer (SyncStep2) carries what the server lacks, e.g. edits made offline; the server
      // relays it to the room like any update, so it comes back too.
      const before = encoding.length(encoder)
      next(encoder, decoder, p, emitSynced, messageType)
      if (provider.wsconnected && encoding.length(encoder) > before) remember(answeredUpdate(encoding.toUint8Array(encoder), before))
      return
    }
    if (type === syncProtocol.messageYjsUpdate && sent.length > 0) {
      const update = decoding.readVarUint8Array(peek)
      const at = sent.findIndex((u) => sameBytes(u, update))
      if (at >= 0) {
        decoder.pos = peek.pos
        forgetUpTo(at + 1)
        skippedCount++
        onConfirmed(update)
        return
      }
    }
    next(encoder, decoder, p, emitSynced, messageType)
  }
  provider.messageHandlers[messageSync] = mine

  return {
    updateListener: onUpdate,
    awaited: () => sent.length,
    skipped: () => skippedCount,
    destroy() {
      doc.off('update', onUpdate)
      provider.off('status', onStatus)
      if (provider.messageHandlers[messageSync] === mine) provider.messageHandlers[messageSync] = next
      forgetAll()
    },
  }
}
