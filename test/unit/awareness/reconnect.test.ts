import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import { forgetRemovedClients } from '../../../src/awareness/reconnect'

describe('forgetRemovedClients', () => {
  it('lets a peer’s unchanged state back in after our connection dropped it', () => {
    const a = new Awareness(new Y.Doc())
    const b = new Awareness(new Y.Doc())
    b.setLocalState({ user: { name: 'Ben', color: '#000' } })
    const update = encodeAwarenessUpdate(b, [b.clientID])
    applyAwarenessUpdate(a, update, 'server')
    expect(a.getStates().has(b.clientID)).toBe(true)
    // what y-websocket does when the socket closes
    removeAwarenessStates(a, [b.clientID], 'close')
    applyAwarenessUpdate(a, update, 'server')
    expect(a.getStates().has(b.clientID)).toBe(false) // the stale-clock problem
    expect(forgetRemovedClients(a)).toBe(1)
    applyAwarenessUpdate(a, update, 'server')
    expect(a.getStates().has(b.clientID)).toBe(true)
    expect(a.getStates().has(a.clientID)).toBe(true)
    a.destroy()
    b.destroy()
  })
})
