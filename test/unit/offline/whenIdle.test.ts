import { describe, expect, it } from 'vitest'
import { QUIET_IDLE_MS, whenIdle, type IdleDeadlineLike, type IdleScheduler } from '../../../src/app/offline/whenIdle'

/** A scheduler driven by the test: each step is one idle callback with the given time to spare. */
function fakeScheduler() {
  let t = 0
  let pending: ((d: IdleDeadlineLike) => void) | null = null
  const scheduler: IdleScheduler = {
    request: (cb) => {
      pending = cb
    },
    now: () => t,
  }
  const idle = (remaining: number, advance = 50) => {
    const cb = pending
    if (!cb) throw new Error('nothing scheduled')
    pending = null
    t += advance
    cb({ timeRemaining: () => remaining })
  }
  return { scheduler, idle, hasPending: () => pending !== null }
}

const LONG = QUIET_IDLE_MS + 10

describe('whenIdle', () => {
  it('runs once the page has been quiet for the whole span', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    for (let i = 0; i < 4; i++) f.idle(LONG)
    expect(ran).toBe(0) // quiet since the first callback: 150 ms so far
    f.idle(LONG)
    expect(ran).toBe(1)
    expect(f.hasPending()).toBe(false)
  })

  it('a timer that shortens one idle period does not break the quiet spell', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    f.idle(LONG)
    f.idle(LONG)
    f.idle(6, 10) // cut short by a timer
    f.idle(LONG, 40)
    f.idle(LONG)
    expect(ran).toBe(0) // 150 ms quiet
    f.idle(LONG)
    expect(ran).toBe(1)
  })

  it('starts counting again after frames were drawn for a while (an animation, a drag)', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    for (let i = 0; i < 4; i++) f.idle(LONG)
    for (let i = 0; i < 20; i++) f.idle(8, 16) // 320 ms of frames: only slivers of idle time
    expect(ran).toBe(0)
    for (let i = 0; i < 4; i++) f.idle(LONG)
    expect(ran).toBe(0) // the count restarted at the first long idle period after the frames
    f.idle(LONG)
    expect(ran).toBe(1)
  })

  it('starts counting again after the main thread was busy (no idle callback for a while)', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    for (let i = 0; i < 4; i++) f.idle(LONG)
    f.idle(LONG, 800) // a long task, e.g. applying a big board's first sync
    for (let i = 0; i < 3; i++) f.idle(LONG)
    expect(ran).toBe(0)
    f.idle(LONG)
    expect(ran).toBe(1)
  })

  it('runs after maxWaitMs on a page that never goes quiet', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 1000, maxWaitMs: 500 }, f.scheduler)
    for (let i = 0; i < 40 && ran === 0; i++) f.idle(5, 16)
    expect(ran).toBe(1)
    expect(f.scheduler.now()).toBeGreaterThanOrEqual(500)
    expect(f.hasPending()).toBe(false)
  })
})
