import { EventEmitter } from 'node:events'

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
  /** delivers a binary frame from the peer */
  receive(frame: Uint8Array): void {
    this.emit('message', Buffer.from(frame), true)
  }
}
