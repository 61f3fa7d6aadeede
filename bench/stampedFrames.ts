import * as Y from 'yjs'
import { encodeUpdate } from '../server/ws/protocol'

/** digits of a send time (performance.now() in ms with 3 decimals, zero-padded) */
const STAMP_WIDTH = 14

/**
 * One bench client's cursor moves, encoded ahead of time as y-websocket update frames. Each
 * update sets the client's cursor to `@@<sender>:<time>@@`; the time is a fixed-width slot written
 * into the frame just before it is sent (same length, so the update stays valid). A fan-out run then
 * costs the client process a buffer write per send instead of a Yjs transaction and an encode, so
 * the measured latency is more the server's and less the load generator's.
 */
export class StampedFrames {
  private next = 0

  private constructor(
    private readonly frames: Buffer[],
    private readonly slots: number[],
  ) {}

  static build(sender: number, count: number): StampedFrames {
    const doc = new Y.Doc()
    const frames: Buffer[] = []
    const slots: number[] = []
    const prefix = `@@${sender}:`
    doc.on('update', (u: Uint8Array) => {
      const frame = Buffer.from(encodeUpdate(u))
      const at = frame.indexOf(prefix, 0, 'latin1')
      if (at < 0) throw new Error('marker not found in the encoded update')
      frames.push(frame)
      slots.push(at + prefix.length)
    })
    const value = `${prefix}${'0'.repeat(STAMP_WIDTH)}@@`
    for (let i = 0; i < count; i++) doc.getMap('cursors').set(String(sender), value)
    doc.destroy()
    return new StampedFrames(frames, slots)
  }

  /** The next frame, stamped with `now`; null once every frame has been taken. */
  take(now: number): Buffer | null {
    if (this.next >= this.frames.length) return null
    const i = this.next++
    const frame = this.frames[i]!
    frame.write(now.toFixed(3).padStart(STAMP_WIDTH, '0'), this.slots[i]!, 'latin1')
    return frame
  }
}
