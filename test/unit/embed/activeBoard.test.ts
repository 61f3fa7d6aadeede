import { describe, expect, it } from 'vitest'
import { activateBoard, isActiveBoard, registerBoard } from '../../../src/canvas/board/activeBoard'

describe('several boards on one page', () => {
  it('with no board registered (the app’s single board page) every board takes keys', () => {
    expect(isActiveBoard({})).toBe(true)
  })

  it('the first board takes keys until another is pressed; unmounting hands them back', () => {
    const a = {}
    const b = {}
    const offA = registerBoard(a)
    const offB = registerBoard(b)
    expect([isActiveBoard(a), isActiveBoard(b)]).toEqual([true, false])
    activateBoard(b)
    expect([isActiveBoard(a), isActiveBoard(b)]).toEqual([false, true])
    offB()
    expect(isActiveBoard(a)).toBe(true)
    offA()
    expect(isActiveBoard({})).toBe(true)
  })

  it('a board that is not mounted cannot take the keys', () => {
    const a = {}
    const off = registerBoard(a)
    activateBoard({})
    expect(isActiveBoard(a)).toBe(true)
    off()
  })
})
