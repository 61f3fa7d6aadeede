import { describe, expect, it } from 'vitest'
import { MountSlices } from '../../../src/canvas/items/mountSlices'

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `i${String(from + i).padStart(5, '0')}`)

/** A slicer whose frames run when `frame()` is called; `shown` records each list handed to React. */
function setup(start: readonly string[] = [], slice = 100) {
  const shown: (readonly string[])[] = []
  const frames: (() => void)[] = []
  const s = new MountSlices(start, (l) => shown.push(l), (fn) => void frames.push(fn), slice)
  const frame = () => {
    const f = frames.splice(0)
    for (const fn of f) fn()
    return f.length
  }
  return { s, shown, frame }
}

describe('MountSlices: thousands of items coming into the layer are mounted a slice per frame', () => {
  it('shows a small addition at once', () => {
    const { s, shown, frame } = setup(ids(0, 10))
    s.want(ids(0, 60))
    expect(shown).toEqual([ids(0, 60)])
    s.committed()
    expect(frame()).toBe(0)
  })

  it('mounts a big addition bottom first, one slice per committed frame, until the whole list is shown', () => {
    const { s, shown, frame } = setup([], 100)
    const all = ids(0, 350)
    s.want(all)
    expect(shown.at(-1)).toEqual(ids(0, 100))
    expect(s.pending).toBe(true)
    // nothing more until React has committed the slice
    expect(frame()).toBe(0)
    s.committed()
    s.committed() // a second commit notice schedules nothing more
    expect(frame()).toBe(1)
    expect(shown.at(-1)).toEqual(ids(0, 200))
    s.committed()
    frame()
    s.committed()
    frame()
    expect(shown.at(-1)).toEqual(all)
    expect(s.pending).toBe(false)
    expect(shown.length).toBe(4)
  })

  it('keeps what is mounted, drops what left, and follows a list that changes between slices', () => {
    const { s, shown, frame } = setup(ids(0, 50), 100)
    s.want([...ids(10, 50), ...ids(50, 300)])
    // items 0–9 went at once; 100 of the 250 new ones came with the ones kept
    expect(shown.at(-1)).toEqual(ids(10, 150))
    // culling changes its mind meanwhile: 20–29 go, and the rest of the new list follows
    const next = [...ids(10, 20), ...ids(30, 300)]
    s.want(next)
    expect(shown.length).toBe(1)
    s.committed()
    frame()
    expect(shown.at(-1)).toEqual([...ids(10, 20), ...ids(30, 250)])
    s.committed()
    frame()
    expect(shown.at(-1)).toEqual(next)
  })

  it('unmounts a big removal two slices per frame, the ones staying in their places among the others', () => {
    const { s, shown, frame } = setup(ids(0, 1000), 100)
    const kept = ids(0, 1000).filter((_, i) => i % 10 === 0)
    s.want(kept)
    // 900 leave: 200 at once, the other 700 stay where they were, between the kept ones
    const first = shown.at(-1)!
    expect(first.length).toBe(800)
    expect(first).toEqual(ids(0, 1000).filter((id, i) => i % 10 === 0 || first.includes(id)))
    expect(kept.every((id) => first.includes(id))).toBe(true)
    expect(s.pending).toBe(true)
    let steps = 1
    while (s.pending && steps < 20) {
      s.committed()
      frame()
      steps++
    }
    expect(shown.at(-1)).toEqual(kept)
    expect(steps).toBe(5)
    expect(shown.map((l) => l.length)).toEqual([800, 600, 400, 200, 100])
  })
})
