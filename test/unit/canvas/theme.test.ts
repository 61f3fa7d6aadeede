import { describe, expect, it } from 'vitest'
import { parseSetting, resolveTheme, toggledSetting } from '../../../src/canvas/theme/theme'

describe('theme', () => {
  it('follows the system setting until the user picks one', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
  })
  it('a toggle picks the opposite of what is shown', () => {
    expect(toggledSetting('dark')).toBe('light')
    expect(toggledSetting('light')).toBe('dark')
  })
  it('an unknown stored value means "system"', () => {
    for (const v of [null, undefined, '', 'blue', 42]) expect(parseSetting(v)).toBe('system')
    expect(parseSetting('dark')).toBe('dark')
  })
})
