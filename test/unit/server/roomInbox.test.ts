import { describe, expect, it } from 'vitest'
import { RoomInbox } from '../../../server/roomInbox'
import type { Connection } from '../../../server/ws/connection'

const conn = (name: string) => ({ name }) as unknown as Connection
const entry = (c: Connection, bytes: number) => ({ conn: c, update: new Uint8Array(bytes), relay: new Uint8Array(0) })

describe('RoomInbox', () => {
  it('keeps updates in arrival order and empties on take', () => {
    const inbox = new RoomInbox(10, 1000)
    const a = conn('a')
    const b = conn('b')
    const drops: string[] = []
    expect(inbox.add(entry(a, 1), 3, () => drops.push('x'))).toBe(true)
    expect(inbox.add(entry(b, 2), 3, () => drops.push('x'))).toBe(true)
    expect(inbox.take().map((e) => e.update.length)).toEqual([1, 2])
    expect(inbox.take()).toEqual([])
    expect(drops).toEqual([])
  })

  it('past the count bound drops the connection holding the most bytes and queues the new update', () => {
    const inbox = new RoomInbox(3, 1000)
    const flooder = conn('flooder')
    const quiet = conn('quiet')
    inbox.add(entry(flooder, 50), 3, () => {})
    inbox.add(entry(flooder, 50), 3, () => {})
    inbox.add(entry(quiet, 5), 3, () => {})
    const drops: Array<[Connection, number]> = []
    expect(inbox.add(entry(quiet, 5), 3, (c, n) => drops.push([c, n]))).toBe(true)
    expect(drops).toEqual([[flooder, 2]])
    expect(inbox.take().map((e) => e.conn)).toEqual([quiet, quiet])
  })

  it('refuses the update when its own sender holds the most (byte bound)', () => {
    const inbox = new RoomInbox(100, 100)
    const flooder = conn('flooder')
    const other = conn('other')
    inbox.add(entry(other, 10), 3, () => {})
    inbox.add(entry(flooder, 80), 3, () => {})
    const drops: Array<[Connection, number]> = []
    expect(inbox.add(entry(flooder, 20), 3, (c, n) => drops.push([c, n]))).toBe(false)
    expect(drops).toEqual([[flooder, 1]])
    expect(inbox.take().map((e) => e.conn)).toEqual([other])
  })
})
