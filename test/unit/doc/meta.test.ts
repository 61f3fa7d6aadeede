import { describe, expect, it } from 'vitest'
import { getTitle, localOrigin, setTitle, isLocalOrigin } from '../../../src/doc'
import { countTx, newDoc } from './docHelpers'

describe('meta', () => {
  it('title is empty by default and set in one local transaction', () => {
    const doc = newDoc()
    expect(getTitle(doc)).toBe('')
    const { count, origins } = countTx(doc, () => setTitle(doc, 'Sprint'))
    expect(count).toBe(1)
    expect(isLocalOrigin(origins[0])).toBe(true)
    expect(origins[0]).toBe(localOrigin)
    expect(getTitle(doc)).toBe('Sprint')
  })

  it('refuses an over-long title and tolerates a foreign non-string', () => {
    const doc = newDoc()
    expect(setTitle(doc, 'x'.repeat(201))).toMatchObject({ ok: false, code: 'invalid_title' })
    doc.getMap('meta').set('title', 42)
    expect(getTitle(doc)).toBe('')
    expect(isLocalOrigin({ source: 'local' })).toBe(false) // identity, like the UndoManager
  })
})
