import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { FALLBACK_COLOR, parsePresence, updateLocalPresence } from '../../../src/awareness/presence'

const valid = {
  user: { name: 'Quick Otter', color: '#e03131' },
  cursor: { x: 10, y: 20, pageId: 'page-1' },
  selection: ['a', 'b'],
  viewport: { x: 0, y: 0, zoom: 1, pageId: 'page-1' },
  following: null,
}

describe('parsePresence', () => {
  it('accepts a well-formed state', () => {
    expect(parsePresence(valid)).toEqual(valid)
    expect(parsePresence({ ...valid, cursor: null, following: 7, spotlight: true })).toMatchObject({ cursor: null, following: 7, spotlight: true })
  })

  it('ignores garbage', () => {
    for (const g of [null, undefined, 42, 'hi', [], {}, { user: 'x' }, new Uint8Array(3)]) expect(parsePresence(g)).toBeNull()
  })

  it('ignores states with missing fields', () => {
    for (const k of Object.keys(valid)) {
      const s: Record<string, unknown> = { ...valid }
      delete s[k]
      expect(parsePresence(s), k).toBeNull()
    }
  })

  it('ignores wrong types and non-finite numbers', () => {
    expect(parsePresence({ ...valid, cursor: { x: '1', y: 2, pageId: 'p' } })).toBeNull()
    expect(parsePresence({ ...valid, cursor: { x: NaN, y: 2, pageId: 'p' } })).toBeNull()
    expect(parsePresence({ ...valid, viewport: { x: 0, y: 0, zoom: 0, pageId: 'p' } })).toBeNull()
    expect(parsePresence({ ...valid, viewport: { x: 0, y: 0, zoom: Infinity, pageId: 'p' } })).toBeNull()
    expect(parsePresence({ ...valid, selection: 'a' })).toBeNull()
    expect(parsePresence({ ...valid, selection: [1, 2] })).toBeNull()
    expect(parsePresence({ ...valid, following: 'me' })).toBeNull()
    expect(parsePresence({ ...valid, following: 1.5 })).toBeNull()
    expect(parsePresence({ ...valid, user: { name: 5, color: '#fff' } })).toBeNull()
    expect(parsePresence({ ...valid, spotlight: 'yes' })).toBeNull()
  })

  it('sanitises name and colour it would otherwise paint with', () => {
    const s = parsePresence({ ...valid, user: { name: '   ', color: 'url(javascript:x)' } })
    expect(s?.user).toEqual({ name: 'Anonymous', color: FALLBACK_COLOR })
    expect(parsePresence({ ...valid, user: { name: 'x'.repeat(200), color: '#abc' } })?.user.name.length).toBe(64)
  })

  it('drops spotlight: false so only presenters carry the field', () => {
    expect(parsePresence({ ...valid, spotlight: false })).not.toHaveProperty('spotlight')
  })
})

describe('updateLocalPresence', () => {
  it('publishes only when a field really changed', () => {
    const aw = new Awareness(new Y.Doc())
    let updates = 0
    aw.on('update', () => updates++)
    aw.setLocalState(null)
    updates = 0
    expect(updateLocalPresence(aw, valid)).toBe(true)
    expect(updateLocalPresence(aw, { cursor: { x: 10, y: 20, pageId: 'page-1' } })).toBe(false)
    expect(updateLocalPresence(aw, { selection: ['a', 'b'] })).toBe(false)
    expect(updateLocalPresence(aw, { selection: ['a'] })).toBe(true)
    expect(updates).toBe(2)
    expect(updateLocalPresence(aw, { spotlight: true })).toBe(true)
    expect(aw.getLocalState()?.spotlight).toBe(true)
    expect(updateLocalPresence(aw, { spotlight: false })).toBe(true)
    expect(aw.getLocalState()).not.toHaveProperty('spotlight')
    expect(updateLocalPresence(aw, { spotlight: false })).toBe(false)
    aw.destroy()
  })
})
