import { describe, expect, it } from 'vitest'
import { QUIET_IDLE_MS, whenIdle, type IdleDeadlineLike, type IdleScheduler } from '../../../src/app/offline/whenIdle'

/** A scheduler driven by the test: each step is one idle callback of the given length. */
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

describe('whenIdle', () => {
  it('runs after the page has been quiet for the whole span', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    for (let i = 0; i < 4; i++) f.idle(QUIET_IDLE_MS + 10)
    expect(ran).toBe(0) // quiet since the first callback: 150 ms so far
    f.idle(50)
    expect(ran).toBe(1)
    expect(f.hasPending()).toBe(false)
  })

  it('starts counting again after a busy (animating) period', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 200, maxWaitMs: 10_000 }, f.scheduler)
    for (let i = 0; i < 3; i++) f.idle(50)
    f.idle(8, 16) // a frame was drawn: only a sliver of idle time
    for (let i = 0; i < 4; i++) f.idle(50)
    expect(ran).toBe(0)
    f.idle(50)
    expect(ran).toBe(1)
  })

  it('runs after maxWaitMs on a page that never goes quiet', () => {
    const f = fakeScheduler()
    let ran = 0
    whenIdle(() => ran++, { quietForMs: 1000, maxWaitMs: 500 }, f.scheduler)
    for (let i = 0; i < 40 && ran === 0; i++) f.idle(5, 16)
    expect(f.scheduler.now()).toBeGreaterThanOrEqual(500)
    expect(ran).toBe(1)
    expect(f.hasPending()).toBe(false)
  })
})
