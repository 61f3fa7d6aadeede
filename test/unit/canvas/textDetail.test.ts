import { describe, expect, it } from 'vitest'
import { greekBars } from '../../../src/canvas/shapes/textDetail'

describe('greeked text bars', () => {
  const base = { width: 200, padding: 10, top: 20, fontSize: 20, lineHeightPx: 25 }

  it('put one bar per line, centred on the line, half the font size high', () => {
    const bars = greekBars({ ...base, align: 'left', lines: [{ width: 120 }, { width: 60 }] })
    expect(bars).toEqual([
      [10, 20 + 12.5 - 5, 120, 10],
      [10, 20 + 25 + 12.5 - 5, 60, 10],
    ])
  })

  it('follow the alignment of the text', () => {
    const [centre] = greekBars({ ...base, align: 'center', lines: [{ width: 80 }] })
    expect(centre![0]).toBe(10 + (200 - 80 - 20) / 2)
    const [right] = greekBars({ ...base, align: 'right', lines: [{ width: 80 }] })
    expect(right![0]).toBe(10 + 200 - 80 - 20)
  })

  it('leave empty lines out', () => {
    expect(greekBars({ ...base, align: 'left', lines: [{ width: 0 }, { width: 30 }] })).toHaveLength(1)
  })
})
