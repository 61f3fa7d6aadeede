import { describe, expect, it } from 'vitest'
import { parseFlags, flagsHelp, MAIN_HELP, SERVE_FLAGS } from '../../../server/config'

describe('config: tessera serve flags', () => {
  it('uses the contract defaults', () => {
    const r = parseFlags([], {})
    expect(r.ok && r.flags).toMatchObject({ host: 'localhost', port: 1234, data: './data', open: false, debug: false, 'max-message-bytes': 100 * 1024 * 1024 })
  })
  it('falls back to HOST, PORT and TESSERA_DATA, and flags win over env', () => {
    const env = { HOST: '0.0.0.0', PORT: '8080', TESSERA_DATA: '/var/t' }
    expect(parseFlags([], env)).toMatchObject({ ok: true, flags: { host: '0.0.0.0', port: 8080, data: '/var/t' } })
    expect(parseFlags(['--port', '0', '--host=127.0.0.1', '--open'], env)).toMatchObject({ ok: true, flags: { host: '127.0.0.1', port: 0, open: true } })
  })
  it.each([[['--port', 'x']], [['--port']], [['--nope']], [['stray']], [['--open=1']], [['--port', '70000']]])('refuses %j', (argv) => {
    expect(parseFlags(argv, {}).ok).toBe(false)
  })
  it('tells a y-websocket user the drop-in command at the top of the help', () => {
    expect(MAIN_HELP.split('\n').slice(0, 4).join('\n')).toContain('`npx tessera serve --open`')
  })
  it('lists every public flag in the help and hides test-only ones', () => {
    const help = flagsHelp()
    for (const f of SERVE_FLAGS) expect(help.includes(`--${f.name}`)).toBe(!f.hidden)
  })
})
