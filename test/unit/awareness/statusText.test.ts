import { describe, expect, it } from 'vitest'
import { statusText } from '../../../src/canvas/presence/statusText'

describe('status text', () => {
  it('has the documented wording', () => {
    expect(statusText({ status: 'disconnected', users: 1, online: true })).toBe('Not connected')
    expect(statusText({ status: 'connecting', users: 1, online: true })).toBe('Connecting…')
    expect(statusText({ status: 'connected', users: 2, online: true })).toBe('Connected (2 users)')
    expect(statusText({ status: 'connected', users: 1, online: true })).toBe('Connected (1 user)')
    expect(statusText({ status: 'connected', users: 3, online: false })).toBe('Offline — changes kept on this device')
    expect(statusText({ status: 'connecting', users: 1, online: false, pending: 4 })).toBe('Offline — changes kept on this device (4 pending)')
  })
})
