import { describe, expect, it } from 'vitest'
import { ACTIONS } from '../../../src/canvas/actions'
import { matchShortcut, SHORTCUTS, type KeyLike } from '../../../src/canvas/keyboard'
import { armKeyGuard, endKeyGuard, guardKey, KEY_GUARD_PAUSE_MS, keyGuardHolds, swallowGuardedKey } from '../../../src/canvas/keyGuard'
import { createEditorStore } from '../../../src/canvas/state/editorStore'

const key = (k: string, over: Partial<KeyLike> = {}): KeyLike => ({ key: k, code: '', shiftKey: false, modKey: false, altKey: false, ...over })
const act = (k: string, over: Partial<KeyLike> = {}) => matchShortcut(key(k, over))?.action ?? null

describe('keyboard shortcut table (CONTRACT §5)', () => {
  it('maps the tool letters', () => {
    expect(act('v')).toBe('tool.select')
    expect(act('h')).toBe('tool.hand')
    expect(act('r')).toBe('tool.rect')
    expect(act('o')).toBe('tool.ellipse')
    expect(act('l')).toBe('tool.line')
    expect(act('a')).toBe('tool.arrow')
    expect(act('p')).toBe('tool.pen')
    expect(act('d')).toBe('tool.pen')
    expect(act('t')).toBe('tool.text')
    expect(act('n')).toBe('tool.sticky')
    expect(act('R')).toBe('tool.rect') // caps lock
  })

  it('maps editing commands', () => {
    expect(act('Delete')).toBe('delete')
    expect(act('Backspace')).toBe('delete')
    expect(act('z', { modKey: true })).toBe('undo')
    expect(act('Z', { modKey: true, shiftKey: true })).toBe('redo')
    expect(act('y', { modKey: true })).toBe('redo')
    expect(act('d', { modKey: true })).toBe('duplicate')
    expect(act('a', { modKey: true })).toBe('selectAll')
    expect(act('c', { modKey: true })).toBe('copy')
    expect(act('x', { modKey: true })).toBe('cut')
    expect(act('v', { modKey: true })).toBe('paste')
  })

  it('copy/cut/paste leave the key event to the browser so it fires clipboard events', () => {
    for (const k of ['c', 'x', 'v']) expect(matchShortcut(key(k, { modKey: true }))?.viaClipboardEvent).toBe(true)
    expect(matchShortcut(key('z', { modKey: true }))?.viaClipboardEvent).toBeUndefined()
  })

  it('maps z-order keys, by key and by physical code', () => {
    expect(act(']')).toBe('bringForward')
    expect(act('[')).toBe('sendBackward')
    expect(act(']', { modKey: true })).toBe('bringToFront')
    expect(act('[', { modKey: true })).toBe('sendToBack')
    expect(act('ü', { code: 'BracketLeft' })).toBe('sendBackward')
  })

  it('maps arrow keys to nudges, Shift for ×10', () => {
    for (const d of ['Left', 'Right', 'Up', 'Down']) {
      expect(act(`Arrow${d}`)).toBe(`nudge.${d.toLowerCase()}`)
      expect(act(`Arrow${d}`, { shiftKey: true })).toBe(`nudge.${d.toLowerCase()}.big`)
    }
  })

  it('maps Shift+1 to zoom to fit, Escape and ?', () => {
    expect(act('!', { shiftKey: true, code: 'Digit1' })).toBe('zoomToFit')
    expect(act('1', { shiftKey: false, code: 'Digit1' })).toBeNull()
    expect(act('Escape')).toBe('escape')
    expect(act('?', { shiftKey: true })).toBe('toggleHelp')
  })

  it('ignores Alt combinations and unknown keys', () => {
    expect(act('r', { altKey: true })).toBeNull()
    expect(act('q')).toBeNull()
    expect(act('r', { modKey: true })).toBeNull() // browser reload stays the browser's
  })

  it('every shortcut names an existing action', () => {
    for (const s of SHORTCUTS) expect(ACTIONS.has(s.action), s.action).toBe(true)
  })
})

describe('key guard after the text editor was closed under the user', () => {
  it('is off until armed: keys act on the canvas', () => {
    expect(guardKey(null, 0)).toEqual({ swallow: false, next: null })
    expect(swallowGuardedKey(createEditorStore(), 0)).toBe(false)
  })

  it('swallows keys while the typing goes on, then lets them through after a pause', () => {
    const store = createEditorStore()
    armKeyGuard(store, 1000)
    // a long sentence keeps being swallowed: every key extends the guard
    let t = 1000
    for (let i = 0; i < 40; i++) expect(swallowGuardedKey(store, (t += 200))).toBe(true)
    expect(keyGuardHolds(store, t + KEY_GUARD_PAUSE_MS - 1)).toBe(true)
    // a pause: the next key is a command again, and the guard is gone for good
    expect(swallowGuardedKey(store, t + KEY_GUARD_PAUSE_MS)).toBe(false)
    expect(swallowGuardedKey(store, t + KEY_GUARD_PAUSE_MS + 1)).toBe(false)
    expect(keyGuardHolds(store, t + KEY_GUARD_PAUSE_MS + 1)).toBe(false)
  })

  it('ends at a pointer press, and is per editor', () => {
    const a = createEditorStore()
    const b = createEditorStore()
    armKeyGuard(a, 0)
    expect(keyGuardHolds(a, 1)).toBe(true)
    expect(keyGuardHolds(b, 1)).toBe(false)
    endKeyGuard(a)
    expect(swallowGuardedKey(a, 2)).toBe(false)
  })
})
