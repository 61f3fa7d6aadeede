/**
 * A binary message a room relays to many sockets, framed once. `ws` frames every send of its own
 * (a header allocated per socket, header and payload written as two chunks); a relay of one update
 * to 50 connections did that 50 times. The WebSocket frame built here (server to client: FIN,
 * binary, unmasked, RFC 6455 §5.2) is written to each plain socket as it is; a connection with
 * an extension agreed (permessage-deflate) sends the payload through `ws` instead.
 */

/** payloads up to this size are framed once and copied into that frame; larger ones go through `ws` (no copy) */
export const MAX_SHARED_PAYLOAD = 64 * 1024

export class SharedFrame {
  private wire: Buffer | null = null

  constructor(readonly payload: Uint8Array) {}

  /** whether the payload is small enough to be framed once (else every socket sends it through ws) */
  get shareable(): boolean {
    return this.payload.length <= MAX_SHARED_PAYLOAD
  }

  /** the whole WebSocket frame, built on first use */
  get framed(): Buffer {
    return (this.wire ??= binaryFrame(this.payload))
  }
}

/** One final, unmasked binary WebSocket frame carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length
  const head = n < 126 ? 2 : n < 0x10000 ? 4 : 10
  const out = Buffer.allocUnsafe(head + n)
  out[0] = 0x82 // FIN, opcode 2 (binary)
  if (n < 126) out[1] = n
  else if (n < 0x10000) {
    out[1] = 126
    out.writeUInt16BE(n, 2)
  } else {
    out[1] = 127
    out.writeUInt32BE(Math.floor(n / 0x100000000), 2)
    out.writeUInt32BE(n >>> 0, 6)
  }
  out.set(payload, head)
  return out
}
