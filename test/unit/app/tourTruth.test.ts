import { describe, expect, it } from 'vitest'
import { TUTORIAL_STEPS } from '../../../src/app/tutorial/steps'

describe('the tour', () => {
  it('does not promise that a private board opens by its code alone', () => {
    const share = TUTORIAL_STEPS.find((s) => s.title === 'Share')!
    expect(share.body).not.toMatch(/just say the code/)
    expect(share.body).toMatch(/private/)
    expect(share.body).toMatch(/link/)
  })
})
