import net from 'node:net'

/**
 * A WebSocket client written by hand on a raw TCP socket, for what a library client will not
 * send: many frames in one write, protocol violations, a peer that never reads.
 */

/** A client frame: FIN + binary, masked with a zero key (which leaves the payload as it is). */
export function clientFrame(payload: Uint8Array): Buffer {
  const n = payload.length
  const head = n < 126 ? Buffer.from([0x82, 0x80 | n]) : Buffer.from([0x82, 0x80 | 126, n >> 8, n & 0xff])
  return Buffer.concat([head, Buffer.alloc(4), payload])
}

/**
 * Completes the upgrade to `room` and resolves with the open socket and any bytes the server sent
 * after its 101 response. The socket is paused and has no 'data' listener: the caller reads.
 */
export function upgradeRaw(port: number, room: string): Promise<{ socket: net.Socket; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('upgrade did not complete'))), 10_000)
    let head = Buffer.alloc(0)
    socket.on('error', () => {})
    socket.on('connect', () => {
      socket.write(
        `GET /${room} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      clearTimeout(timer)
      socket.off('data', onData)
      socket.pause()
      const status = head.toString('latin1', 0, end)
      if (/^HTTP\/1\.1 101/.test(status)) resolve({ socket, rest: head.subarray(end + 4) })
      else (socket.destroy(), reject(new Error(`upgrade refused: ${status}`)))
    }
    socket.on('data', onData)
  })
}

/**
 * Reads server frames (unmasked: opcode byte, 7/16/64-bit length, payload) until a close frame,
 * and resolves with its code and reason; 1006 if the socket ends without one.
 */
export function awaitCloseFrame(socket: net.Socket, rest: Buffer = Buffer.alloc(0)): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    let buf = rest
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('server did not close the connection'))), 10_000)
    const done = (r: { code: number; reason: string }) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(r)
    }
    const scan = () => {
      while (buf.length >= 2) {
        let len = buf[1]! & 0x7f
        let at = 2
        if (len === 126) {
          if (buf.length < 4) return
          ;(len = buf.readUInt16BE(2)), (at = 4)
        } else if (len === 127) {
          if (buf.length < 10) return
          ;(len = Number(buf.readBigUInt64BE(2))), (at = 10)
        }
        if (buf.length < at + len) return
        const opcode = buf[0]! & 0x0f
        const payload = buf.subarray(at, at + len)
        buf = buf.subarray(at + len)
        if (opcode === 0x8) return done({ code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.toString('utf8', 2) })
      }
    }
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      scan()
    })
    socket.on('close', () => done({ code: 1006, reason: '' }))
    scan()
    socket.resume()
  })
}
