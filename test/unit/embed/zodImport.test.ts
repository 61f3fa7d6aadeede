import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The browser code imports zod as a namespace (`import * as z from 'zod'`). A host that bundles
// tessera/react with esbuild cannot shake the `z` object of `import { z } from 'zod'`: it keeps
// every zod locale, about 370 KB of the embed bundle's 1.09 MB minified (bench/embed.ts).
const src = path.resolve(import.meta.dirname, '..', '..', '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

describe('zod in the browser code', () => {
  it('is imported as a namespace everywhere under src/, never as the `z` object', () => {
    const offenders = files(src).filter((f) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*['"]zod['"]/.test(readFileSync(f, 'utf8')))
    expect(offenders.map((f) => path.relative(src, f))).toEqual([])
  })
})
