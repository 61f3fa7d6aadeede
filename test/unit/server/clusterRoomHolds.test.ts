import { describe, expect, it } from 'vitest'
import { RoomHolds } from '../../../server/cluster/roomHolds'

const tick = () => new Promise((r) => setTimeout(r, 0))

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void
  let reject!: (e: Error) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('cluster: a room held while its record is re-read', () => {
  it('delivers at once when the room is not held', () => {
    const holds = new RoomHolds()
    const seen: string[] = []
    holds.run('r', () => seen.push('a'))
    expect(seen).toEqual(['a'])
  })

  it("holds that room's messages (only that room's) until the re-read is done, then delivers them in order", async () => {
    const holds = new RoomHolds()
    const seen: string[] = []
    const reread = deferred()
    holds.hold('r', reread.promise)
    holds.run('r', () => seen.push('r1'))
    holds.run('other', () => seen.push('o1'))
    holds.run('r', () => seen.push('r2'))
    await tick()
    expect(seen).toEqual(['o1'])
    reread.resolve()
    await tick()
    expect(seen).toEqual(['o1', 'r1', 'r2'])
    holds.run('r', () => seen.push('r3'))
    expect(seen).toEqual(['o1', 'r1', 'r2', 'r3'])
  })

  it('a failed re-read releases the room too, and two holds release it only when both are done', async () => {
    const holds = new RoomHolds()
    const seen: string[] = []
    const first = deferred()
    const second = deferred()
    holds.hold('r', first.promise)
    holds.hold('r', second.promise)
    holds.run('r', () => seen.push('m'))
    first.reject(new Error('database gone'))
    await tick()
    expect(seen).toEqual([])
    second.resolve()
    await tick()
    expect(seen).toEqual(['m'])
  })

  it('a re-read that never ends holds the room at most maxMs', async () => {
    const holds = new RoomHolds(30)
    const seen: string[] = []
    holds.hold('r', new Promise(() => {}))
    holds.run('r', () => seen.push('m'))
    await tick()
    expect(seen).toEqual([])
    await new Promise((r) => setTimeout(r, 80))
    expect(seen).toEqual(['m'])
  })
})
