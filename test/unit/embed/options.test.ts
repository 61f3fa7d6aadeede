import { describe, expect, it } from 'vitest'
import { SERVE_FLAGS, parseFlags } from '../../../server/config'
import { OPTION_NAMES, checkOptions, optionName, optionsFromFlags } from '../../../server/options'

describe('createTesseraServer options', () => {
  it('every flag of `tessera serve` is an option of createTesseraServer (camelCased)', () => {
    const missing = SERVE_FLAGS.filter((f) => f.name !== 'help' && !OPTION_NAMES.has(optionName(f.name))).map((f) => f.name)
    expect(missing).toEqual([])
  })

  it('the CLI turns its parsed flags into options that pass the check', () => {
    const parsed = parseFlags(['--port', '0', '--max-message-bytes=1024', '--open'], {})
    if (!parsed.ok) throw new Error(parsed.message)
    const opts = optionsFromFlags(parsed.flags)
    expect(opts).toMatchObject({ port: 0, maxMessageBytes: 1024, open: true, host: 'localhost' })
    expect('help' in opts).toBe(false)
    expect(() => checkOptions(opts)).not.toThrow()
  })
})
