import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// <TesseraBoard> lives in a host's page: the editor's CSS must not style anything of the host's.
const canvasDir = path.resolve(import.meta.dirname, '..', '..', '..', 'src', 'canvas')

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? cssFiles(p) : name.endsWith('.css') ? [p] : []
  })
}

/** Every selector of every rule (at-rule blocks such as @media are entered, @keyframes steps skipped). */
function selectors(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const out: string[] = []
  let depthKeyframes = 0
  for (const m of text.matchAll(/([^{}]+)\{|\}/g)) {
    if (m[0] === '}') {
      if (depthKeyframes > 0) depthKeyframes--
      continue
    }
    const head = m[1]!.trim()
    if (head.startsWith('@keyframes')) depthKeyframes = 2
    if (head.startsWith('@') || depthKeyframes > 0) continue
    out.push(...head.split(',').map((s) => s.trim()))
  }
  return out
}

describe('the editor’s styles are scoped', () => {
  it('every selector in src/canvas CSS starts with a Tessera class (.tsr-, the app’s .ts-) or attribute ([data-tsr-…]): no element, :root or body rules', () => {
    const files = cssFiles(canvasDir)
    expect(files.length).toBeGreaterThan(0)
    const unscoped = files.flatMap((f) => selectors(readFileSync(f, 'utf8')).filter((s) => !/^(\.tsr?-[\w-]+|\[data-tsr-[\w-]+)/.test(s)).map((s) => `${path.basename(f)}: ${s}`))
    expect(unscoped).toEqual([])
  })
})
