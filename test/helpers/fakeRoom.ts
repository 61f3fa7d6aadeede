import { EventEmitter } from 'node:events'
import type { WebSocket } from 'ws'
import { Room, type RoomOptions } from '../../server/room'
import { Connection } from '../../server/ws/connection'
import type { Storage } from '../../server/storage/Storage'
import { createMetrics } from '../../server/metrics'
import { createLogger } from '../../server/log'

/** The part of a `ws` socket a Connection uses, recording what is sent and how it is closed. */
export class FakeSocket extends EventEmitter {
  readonly OPEN = 1
  readyState = 1
  bufferedAmount = 0
  sent: Uint8Array[] = []
  closedWith: { code: number; reason: string } | null = null
  send(data: Uint8Array): void {
    this.sent.push(data)
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason }
    this.readyState = 3
  }
  terminate(): void {
    this.readyState = 3
  }
  ping(): void {}
  /** reading held (a room working through a backlog, a big update being tried): recorded, no network here */
  paused = false
  pause(): void {
    this.paused = true
  }
  resume(): void {
    this.paused = false
  }
  /** delivers a binary frame from the peer */
  receive(frame: Uint8Array): void {
    this.emit('message', Buffer.from(frame), true)
  }
}

/**
 * A Room on `storage` without a server or network: `join()` adds an editor connection over a
 * FakeSocket (the server's opening messages already cleared from `sent`).
 */
export function fakeRoom(storage: Storage, opts: Partial<RoomOptions> = {}) {
  const metrics = createMetrics()
  const log = createLogger({ silent: true })
  const room = new Room('r', {
    storage, metrics, log, compactAfterUpdates: 500, compactAfterBytes: 1 << 30, stored: null, storedRows: 0, storedBytes: 0, ...opts,
  })
  const join = () => {
    const ws = new FakeSocket()
    const conn = new Connection(ws as unknown as WebSocket, { room: 'r', role: 'editor', maxBufferedBytes: 1 << 20, pingIntervalMs: 60_000, metrics, log })
    room.addConnection(conn)
    ws.sent.length = 0
    return { ws, conn }
  }
  return { room, join, metrics }
}
