import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The direction of dependencies (STYLE.md §2): src/doc → yjs only; src/awareness → no UI;
// server/ never imports the editor or the app; production code never imports test/.
const root = path.resolve(import.meta.dirname, '..', '..')

function files(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...files(p))
    else if (/\.(ts|tsx)$/.test(name)) out.push(p)
  }
  return out
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8')
  const specs: string[] = []
  for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1] ?? m[2]!)
  return specs
}

/** Imports of every file under `dir` that `isBad` flags, as "file → spec" lines. */
function violations(dir: string, isBad: (spec: string, resolved: string) => boolean): string[] {
  const bad: string[] = []
  for (const f of files(path.join(root, dir))) {
    for (const spec of importsOf(f)) {
      const resolved = spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(f), spec)) : spec
      if (isBad(spec, resolved)) bad.push(`${path.relative(root, f)} → ${spec}`)
    }
  }
  return bad
}

describe('module boundaries', () => {
  it('src/doc imports only yjs, zod, fractional-indexing, lib0 and itself', () => {
    const allowed = /^(yjs|zod|fractional-indexing|lib0)(\/|$)/
    expect(violations('src/doc', (spec, r) => (spec.startsWith('.') ? !r.startsWith('src/doc') : !allowed.test(spec)))).toEqual([])
  })

  it('src/awareness never imports React, Konva, the canvas or the app', () => {
    expect(violations('src/awareness', (spec, r) => /^(react|react-dom|konva|react-konva)(\/|$)/.test(spec) || /^src\/(canvas|app)/.test(r))).toEqual([])
  })

  it('server/ never imports the editor, the app or the awareness UI', () => {
    expect(violations('server', (spec, r) => /^(react|konva|react-konva)(\/|$)/.test(spec) || /^src\/(canvas|app|awareness)/.test(r))).toEqual([])
  })

  it('production code never imports test/', () => {
    const fromTest = (_: string, r: string) => r.startsWith('test/') || r.startsWith('test' + path.sep)
    expect([...violations('src', fromTest), ...violations('server', fromTest)]).toEqual([])
  })

  it('the editor draws with Konva core: only src/canvas/konva.ts imports react-konva, nothing imports the full konva bundle', () => {
    const bad: string[] = []
    for (const f of files(path.join(root, 'src'))) {
      const rel = path.relative(root, f)
      const src = readFileSync(f, 'utf8')
      for (const m of src.matchAll(/^import\s+(type\s+)?[^'"]*?from\s*['"](konva|react-konva)['"]/gm)) {
        if (m[1]) continue // types only, erased from the bundle
        if (m[2] === 'react-konva' && rel === path.join('src', 'canvas', 'konva.ts')) continue
        bad.push(`${rel} → ${m[2]}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('the entry script stays small: src/app/main.tsx reaches neither React DOM, Konva nor the editor through static imports', () => {
    const seen = new Set<string>()
    const reached: string[] = []
    const resolve = (from: string, spec: string): string | null => {
      const base = path.resolve(path.dirname(from), spec)
      for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
        try {
          if (statSync(c).isFile()) return c
        } catch {
          // try the next candidate
        }
      }
      return null
    }
    const walk = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const src = readFileSync(file, 'utf8')
      for (const m of src.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/gm)) {
        if (m[1]) continue
        const spec = m[2]!
        if (spec.startsWith('.')) {
          const next = resolve(file, spec)
          if (next) walk(next)
        } else reached.push(spec)
      }
    }
    const main = path.join(root, 'src', 'app', 'main.tsx')
    walk(main)
    const heavy = reached.filter((s) => /^(react-dom|konva|react-konva)(\/|$)/.test(s))
    const editor = [...seen].map((f) => path.relative(root, f)).filter((r) => r.startsWith(path.join('src', 'canvas')))
    expect(seen.size).toBeGreaterThan(3) // the walk followed relative imports
    expect([...heavy, ...editor]).toEqual([])
  })
})
