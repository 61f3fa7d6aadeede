import { describe, expect, it } from 'vitest'
import { describeChanges, replayProgress } from '../../../src/app/history/historyText'

// What the History panel writes under each version (who changed how many items) and while a
// replay runs across several versions.
describe('history panel text', () => {
  it('says who changed how many items in the span, most first', () => {
    expect(describeChanges({ by: ['Ada', 'Bob'], changes: { Bob: 1, Ada: 3 } })).toBe('Ada changed 3 items, Bob changed 1 item')
  })

  it('falls back to who was there, then to "no changes"', () => {
    expect(describeChanges({ by: ['Ada', 'Bob'], changes: {} })).toBe('Ada, Bob')
    expect(describeChanges({ by: ['Ada'] })).toBe('Ada')
    expect(describeChanges({ by: [], changes: {} })).toBe('no changes')
  })

  it('counts the versions a replay has crossed', () => {
    const marks = [
      { id: 1, at: '', index: 2 },
      { id: 2, at: '', index: 5 },
      { id: 3, at: '', index: 9 },
    ]
    expect(replayProgress(4, 1, 9, marks)).toBe('Replaying at 4×: 1/9 edits, version 1 of 3')
    expect(replayProgress(4, 2, 9, marks)).toBe('Replaying at 4×: 2/9 edits, version 2 of 3')
    expect(replayProgress(4, 6, 9, marks)).toBe('Replaying at 4×: 6/9 edits, version 3 of 3')
    expect(replayProgress(4, 9, 9, marks)).toBe('Replayed 9 edits across 3 versions')
    expect(replayProgress(16, 2, 2, [{ id: 1, at: '', index: 2 }])).toBe('Replayed 2 edits')
  })
})
