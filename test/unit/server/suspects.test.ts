import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appliesToEmptyDoc, isSuspect, rememberUnapplicable, TRIAL_MAX_BYTES } from '../../../server/limits/trialApply'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'


describe('trial apply: addresses that broke a room', () => {
  it('remembers the sender of an update that broke a room, and only that sender', () => {
    expect(isSuspect('192.0.2.7')).toBe(false)
    rememberUnapplicable(UNAPPLICABLE_DS, '192.0.2.7')
    expect(isSuspect('192.0.2.7')).toBe(true)
    expect(isSuspect('192.0.2.8')).toBe(false)
    rememberUnapplicable(UNAPPLICABLE_DS)
    expect(isSuspect('')).toBe(false)
  })

  it('tries an update over the size limit only when asked to (a suspect sent it)', () => {
    const d = new Y.Doc()
    d.getMap('padding').set('p', 'x'.repeat(TRIAL_MAX_BYTES))
    const big = Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
    expect(big.length).toBeGreaterThan(TRIAL_MAX_BYTES)
    expect(appliesToEmptyDoc(big)).toBe(true)
    expect(appliesToEmptyDoc(big, true)).toBe(false)
    expect(appliesToEmptyDoc(Y.encodeStateAsUpdate(d), true)).toBe(true)
  })
})
