/** A clock that runs with real time plus an offset that only grows: tests move it forward instead of sleeping. */
export function createOffsetClock(): { now: () => number; advance: (ms: number) => number } {
  let offset = 0
  const now = () => Date.now() + offset
  return {
    now,
    advance(ms) {
      if (Number.isFinite(ms) && ms > 0) offset += ms
      return now()
    },
  }
}
