import { describe, expect, it } from 'vitest'
import { throttle, type Clock } from '../../../src/awareness/throttle'

/** A manual clock: timers fire only when the test advances time. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let next = 1
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = next++
      timers.push({ at: now + ms, fn, id })
      return id
    },
    clearTimeout(h) {
      timers = timers.filter((t) => t.id !== h)
    },
    advance(ms) {
      const end = now + ms
      for (;;) {
        timers.sort((a, b) => a.at - b.at)
        const t = timers[0]
        if (!t || t.at > end) break
        timers.shift()
        now = t.at
        t.fn()
      }
      now = end
    },
  }
}

describe('throttle', () => {
  it('runs the first call at once and collapses a burst into one trailing call with the latest args', () => {
    const clock = fakeClock()
    const calls: number[] = []
    const t = throttle((v: number) => calls.push(v), 33, clock)
    t(1)
    expect(calls).toEqual([1])
    t(2)
    t(3)
    t(4)
    expect(calls).toEqual([1])
    clock.advance(32)
    expect(calls).toEqual([1])
    clock.advance(1)
    expect(calls).toEqual([1, 4])
    clock.advance(1000)
    expect(calls).toEqual([1, 4])
  })

  it('never exceeds one call per interval under a 240 Hz stream', () => {
    const clock = fakeClock()
    const times: number[] = []
    const t = throttle(() => times.push(clock.now()), 33, clock)
    for (let i = 0; i < 240; i++) {
      t()
      clock.advance(1000 / 240)
    }
    clock.advance(100)
    expect(times.length).toBeLessThanOrEqual(Math.ceil(1000 / 33) + 1)
    expect(times.length).toBeGreaterThan(25)
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(33 - 1e-9)
  })

  it('flush sends the pending call now; cancel drops it', () => {
    const clock = fakeClock()
    const calls: string[] = []
    const t = throttle((v: string) => calls.push(v), 100, clock)
    t('a')
    t('b')
    t.flush()
    expect(calls).toEqual(['a', 'b'])
    clock.advance(50)
    t('c')
    t.cancel()
    clock.advance(500)
    expect(calls).toEqual(['a', 'b'])
  })
})
