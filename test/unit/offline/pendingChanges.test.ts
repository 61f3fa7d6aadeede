import { describe, expect, it } from 'vitest'
import { PendingChanges } from '../../../src/room/offline/pendingChanges'

describe('pending changes', () => {
  it('counts changes made while not delivered and clears them on acknowledgement', () => {
    const stored: number[] = []
    const p = new PendingChanges((n) => stored.push(n))
    p.noteLocalChange(true)
    expect(p.get()).toBe(0)
    p.noteLocalChange(false)
    p.noteLocalChange(false)
    p.noteLocalChange(false)
    expect(p.get()).toBe(3)
    p.acknowledge()
    expect(p.get()).toBe(0)
    expect(stored).toEqual([1, 2, 3, 0])
  })

  it('notifies subscribers until they unsubscribe', () => {
    const p = new PendingChanges()
    let calls = 0
    const off = p.subscribe(() => calls++)
    p.noteLocalChange(false)
    p.acknowledge()
    p.acknowledge() // nothing to clear: no notification
    off()
    p.noteLocalChange(false)
    expect(calls).toBe(2)
  })

  it('adds the count an earlier session stored (an offline reload keeps saying what waits)', () => {
    const p = new PendingChanges()
    p.noteLocalChange(false)
    p.restore(4)
    expect(p.get()).toBe(5)
    p.restore(4) // only once
    expect(p.get()).toBe(5)
  })

  it('drops a stored count that arrives after the server was answered', () => {
    const p = new PendingChanges()
    p.acknowledge()
    p.restore(7)
    expect(p.get()).toBe(0)
  })

  it('ignores nonsense stored values', () => {
    const p = new PendingChanges()
    p.restore(-3)
    expect(p.get()).toBe(0)
    const q = new PendingChanges()
    q.restore(1.5)
    expect(q.get()).toBe(0)
  })
})
