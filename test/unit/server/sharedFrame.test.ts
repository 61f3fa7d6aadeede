import { describe, expect, it } from 'vitest'
// ws's own frame parser (what every ws client runs), fed the bytes a relay writes to a socket;
// exported by the package at run time, not in its type definitions
import * as wsModule from 'ws'
import { binaryFrame, MAX_SHARED_PAYLOAD, SharedFrame } from '../../../server/ws/sharedFrame'

interface FrameReader {
  on(event: 'message', fn: (data: Buffer, binary: boolean) => void): void
  on(event: 'error', fn: (err: Error) => void): void
  write(bytes: Buffer): void
}
const Receiver = (wsModule as unknown as { Receiver: new (opts: { isServer: boolean; binaryType: string }) => FrameReader }).Receiver

/** Every message a client-side ws Receiver reads from `bytes`, with its binary flag. */
function read(bytes: Buffer): Array<{ data: Buffer; binary: boolean }> {
  const out: Array<{ data: Buffer; binary: boolean }> = []
  const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' })
  receiver.on('message', (data: Buffer, binary: boolean) => out.push({ data, binary }))
  receiver.on('error', (err: Error) => {
    throw err
  })
  receiver.write(bytes)
  return out
}

const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff)

describe('a relay framed once for every socket', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 200_000])('a %i-byte payload reads back as one binary message with the same bytes', (n) => {
    const bytes = binaryFrame(payload(n))
    const messages = read(bytes)
    expect(messages).toHaveLength(1)
    expect(messages[0]!.binary).toBe(true)
    expect(Buffer.compare(messages[0]!.data, Buffer.from(payload(n)))).toBe(0)
  })

  it('frames written back to back read back as separate messages, in order', () => {
    const sizes = [3, 130, 70_000, 0, 9]
    const messages = read(Buffer.concat(sizes.map((n) => binaryFrame(payload(n)))))
    expect(messages.map((m) => m.data.length)).toEqual(sizes)
  })

  it('is framed once, however many sockets take it; larger payloads are left to ws', () => {
    const shared = new SharedFrame(payload(40))
    expect(shared.framed).toBe(shared.framed)
    expect(shared.shareable).toBe(true)
    expect(new SharedFrame(payload(MAX_SHARED_PAYLOAD + 1)).shareable).toBe(false)
  })
})
