import { describe, expect, it } from 'vitest'
import { retryImport } from '../../../src/canvas/retryImport'

describe('retryImport', () => {
  it('a failed fetch of a lazy part is tried again instead of rejecting, and resolves with the module once it arrives', async () => {
    let calls = 0
    const load = () => {
      calls++
      return calls === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ Part: 'loaded' })
    }
    await expect(retryImport(load)).resolves.toEqual({ Part: 'loaded' })
    expect(calls).toBe(2)
  })

  it('a fetch that works the first time is loaded once', async () => {
    let calls = 0
    await expect(retryImport(() => Promise.resolve(++calls))).resolves.toBe(1)
    expect(calls).toBe(1)
  })
})
