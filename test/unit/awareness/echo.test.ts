import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { sendOwnAwarenessOnly, type AwarenessSendingProvider } from '../../../src/awareness/echo'

describe('sendOwnAwarenessOnly', () => {
  it('forwards local changes and drops those the provider applied from the network', () => {
    const awareness = new Awareness(new Y.Doc())
    const sent: unknown[] = []
    const provider: AwarenessSendingProvider = { awareness, _awarenessUpdateHandler: (_c, origin) => sent.push(origin) }
    awareness.on('update', provider._awarenessUpdateHandler)
    sendOwnAwarenessOnly(provider)
    sendOwnAwarenessOnly(provider) // idempotent
    awareness.setLocalState({ a: 1 })
    awareness.emit('update', [{ added: [99], updated: [], removed: [] }, provider])
    expect(sent).toEqual(['local'])
    awareness.off('update', provider._awarenessUpdateHandler) // what provider.destroy() does
    awareness.setLocalState({ a: 2 })
    expect(sent).toEqual(['local'])
    awareness.destroy()
  })
})
