import { describe, expect, it } from 'vitest'
import { StreamSequences } from '../../../server/cluster/sequences'
import type { StreamMessage } from '../../../server/cluster/streams'

const msg = (instance: string, seq: number, kind = 'update'): StreamMessage<string> => ({ id: `${seq}-0`, instance, kind, seq, data: Buffer.alloc(0) })

describe('cluster stream sequence numbers', () => {
  it('numbers what this instance publishes per stream, from 1', () => {
    const s = new StreamSequences()
    expect([s.next('a'), s.next('a'), s.next('b'), s.next(''), s.next('a')]).toEqual([1, 2, 1, 1, 3])
  })

  it('sees a gap only when a sender skips a number on a stream, each sender and stream apart', () => {
    const s = new StreamSequences()
    expect(s.read('room', msg('i1', 5))).toBe(false) // first heard: no gap
    expect(s.read('room', msg('i1', 6))).toBe(false)
    expect(s.read('room', msg('i2', 1))).toBe(false)
    expect(s.read('other', msg('i1', 1))).toBe(false)
    expect(s.read('room', msg('i1', 8))).toBe(true) // 7 missed
    expect(s.read('room', msg('i2', 2))).toBe(false)
    expect(s.read('room', msg('i1', 9))).toBe(false)
  })

  it('on the control stream, only room events count towards gaps', () => {
    const s = new StreamSequences()
    expect(s.read('', msg('i1', 1, 'room-changed'))).toBe(false)
    expect(s.read('', msg('i1', 3, 'not-a-control-kind'))).toBe(false)
    expect(s.read('', msg('i1', 5, 'room-deleted'))).toBe(true)
  })

  it('forgets a stream or an instance: the next number read starts afresh', () => {
    const s = new StreamSequences()
    s.read('room', msg('i1', 1))
    s.read('other', msg('i1', 1))
    s.forgetStream('room')
    expect(s.read('room', msg('i1', 40))).toBe(false)
    s.forgetInstance('i1')
    expect(s.read('room', msg('i1', 90))).toBe(false)
    expect(s.read('other', msg('i1', 90))).toBe(false)
    expect(s.read('other', msg('i1', 92))).toBe(true)
  })
})
