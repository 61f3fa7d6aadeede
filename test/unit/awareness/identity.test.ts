import { describe, expect, it } from 'vitest'
import { IDENTITY_KEY, PALETTE, cleanName, loadIdentity, saveIdentity, type KeyValueStorage } from '../../../src/awareness/identity'

function memoryStorage(init: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...init }
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) }
}

describe('identity', () => {
  it('creates a friendly random identity on first visit and remembers it', () => {
    const s = memoryStorage()
    const a = loadIdentity(s, () => 0)
    expect(a.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
    expect(PALETTE).toContain(a.color)
    expect(JSON.parse(s.data[IDENTITY_KEY])).toEqual(a)
    expect(loadIdentity(s, () => 0.99)).toEqual(a)
  })

  it('keeps an edited identity', () => {
    const s = memoryStorage()
    saveIdentity(s, { name: 'Ada', color: '#1971c2' })
    expect(loadIdentity(s)).toEqual({ name: 'Ada', color: '#1971c2' })
  })

  it('replaces corrupt or hostile stored values', () => {
    for (const bad of ['{', '42', JSON.stringify({ name: '', color: '#123456' }), JSON.stringify({ name: 'A', color: 'red' })]) {
      const s = memoryStorage({ [IDENTITY_KEY]: bad })
      const id = loadIdentity(s, () => 0.5)
      expect(PALETTE).toContain(id.color)
      expect(id.name.length).toBeGreaterThan(0)
    }
  })

  it('works without storage or when storage throws', () => {
    expect(loadIdentity(null).name.length).toBeGreaterThan(0)
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(loadIdentity(throwing).name.length).toBeGreaterThan(0)
  })

  it('cleans names', () => {
    expect(cleanName('  Ada   Lovelace ')).toBe('Ada Lovelace')
    expect(cleanName('   ')).toBeNull()
    expect(cleanName('x'.repeat(100))?.length).toBe(32)
  })
})
