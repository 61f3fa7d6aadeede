import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The direction of dependencies (STYLE.md §2): src/doc → yjs only; src/awareness → no UI;
// src/room → no UI; src/canvas → never the app (it is embedded without it, issue 20);
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

interface Import {
  spec: string
  /** `import type … from` / `export type … from`: erased from the bundle */
  typeOnly: boolean
  /** `import('…')`: loaded when reached, as its own chunk */
  dynamic: boolean
}

/** Every import of a file: from-imports and re-exports, side-effect imports and dynamic imports. */
function importsOf(file: string): Import[] {
  const src = readFileSync(file, 'utf8')
  const found: Import[] = []
  const re = /(?:import|export)(\s+type\b)?[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm
  for (const m of src.matchAll(re)) {
    if (m[2] !== undefined) found.push({ spec: m[2], typeOnly: m[1] !== undefined, dynamic: false })
    else if (m[3] !== undefined) found.push({ spec: m[3], typeOnly: false, dynamic: true })
    else found.push({ spec: m[4]!, typeOnly: false, dynamic: false })
  }
  return found
}

/** Imports of every file under `dir` that `isBad` flags, as "file → spec" lines. */
function violations(dir: string, isBad: (spec: string, resolved: string) => boolean): string[] {
  const bad: string[] = []
  for (const f of files(path.join(root, dir))) {
    for (const { spec } of importsOf(f)) {
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

  it('src/canvas (the embeddable editor) never imports the app shell', () => {
    expect(violations('src/canvas', (_, r) => /^src\/app(\/|$)/.test(r))).toEqual([])
  })

  it('src/room (a board\'s connection and local copy) imports neither React, Konva, the editor nor the app', () => {
    const ui = /^(react|react-dom|konva|react-konva)(\/|$)/
    expect(violations('src/room', (spec, r) => ui.test(spec) || /^src\/(canvas|app)(\/|$)/.test(r))).toEqual([])
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
      for (const { spec, typeOnly } of importsOf(f)) {
        if (typeOnly || (spec !== 'konva' && spec !== 'react-konva')) continue
        if (spec === 'react-konva' && rel === path.join('src', 'canvas', 'konva.ts')) continue
        bad.push(`${rel} → ${spec}`)
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
      for (const { spec, typeOnly, dynamic } of importsOf(file)) {
        if (typeOnly || dynamic) continue
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
