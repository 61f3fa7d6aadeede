import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadAuthSecret, SECRET_FILE } from '../../../server/auth/secret'
import { tmpDir } from '../../helpers/tmpDir'

describe('auth secret', () => {
  const dirs: Array<() => void> = []
  afterEach(() => dirs.splice(0).forEach((remove) => remove()))
  const fresh = () => {
    const t = tmpDir('tessera-secret-')
    dirs.push(t.remove)
    return t.dir
  }

  it('the option wins over the environment and the file', () => {
    const dir = fresh()
    const s = loadAuthSecret({ option: 'from-option-0123456789', env: { TESSERA_AUTH_SECRET: 'from-env-0123456789' }, dataDir: dir })
    expect(s).toMatchObject({ source: 'option' })
    expect(s.secret.toString()).toBe('from-option-0123456789')
  })

  it('TESSERA_AUTH_SECRET is used when no option is given, and nothing is written', () => {
    const dir = fresh()
    const s = loadAuthSecret({ env: { TESSERA_AUTH_SECRET: 'from-env-0123456789' }, dataDir: dir })
    expect(s.source).toBe('env')
    expect(s.secret.toString()).toBe('from-env-0123456789')
    expect(() => statSync(path.join(dir, SECRET_FILE))).toThrow()
  })

  it('without either, 32 random bytes are generated once, stored with mode 0600 and re-read on restart', () => {
    const dir = fresh()
    const first = loadAuthSecret({ env: {}, dataDir: path.join(dir, 'nested') })
    expect(first.source).toBe('generated')
    expect(first.secret.length).toBe(32)
    const file = path.join(dir, 'nested', SECRET_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const second = loadAuthSecret({ env: {}, dataDir: path.join(dir, 'nested') })
    expect(second.source).toBe('file')
    expect(second.secret.equals(first.secret)).toBe(true)
    const third = loadAuthSecret({ env: {}, dataDir: fresh() })
    expect(third.secret.equals(first.secret)).toBe(false)
  })

  it('a corrupt secret file is reported instead of silently replaced', () => {
    const dir = fresh()
    writeFileSync(path.join(dir, SECRET_FILE), 'not hex')
    expect(() => loadAuthSecret({ env: {}, dataDir: dir })).toThrow(/hex secret/)
    expect(readFileSync(path.join(dir, SECRET_FILE), 'utf8')).toBe('not hex')
  })

  it('a given secret shorter than 16 bytes is refused with a message saying so', () => {
    const dir = fresh()
    expect(() => loadAuthSecret({ option: 'a', env: {}, dataDir: dir })).toThrow(/--auth-secret must be at least 16 bytes \(got 1\)/)
    expect(() => loadAuthSecret({ env: { TESSERA_AUTH_SECRET: 'fifteen-bytes!!' }, dataDir: dir })).toThrow(/TESSERA_AUTH_SECRET must be at least 16 bytes/)
    expect(loadAuthSecret({ option: 'sixteen-bytes!!!', env: {}, dataDir: dir }).source).toBe('option')
  })
})
