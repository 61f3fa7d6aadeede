import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBuiltApp, sizeOf, type BuiltApp } from '../../../build/builtChunks'

// Issue 20: "keep the editor chunk no larger than today's" — 210,777 B gzip when the issue was
// filed. Read from the built app (dist/, which the browser tests load too): the chunks a board's
// page fetches at once (mountApp and what it imports statically) must hold none of the parts
// that load on demand, those parts must still be built, and the total must stay within the budget.
const root = path.resolve(import.meta.dirname, '..', '..', '..')
const EDITOR_CHUNK_BUDGET = 210_777

/** Modules that must load on demand, each with the part of the app that needs it. */
const ON_DEMAND: readonly [RegExp, string][] = [
  [/^node_modules\/roughjs\//, 'the hand-drawn renderer (first sketch item drawn)'],
  [/^src\/canvas\/shapes\/sketch\.ts$/, 'the hand-drawn renderer (first sketch item drawn)'],
  [/^src\/doc\/import\//, 'the Excalidraw and tldraw importers (menu)'],
  [/^src\/canvas\/export\/(svg|png|json|sketchSvg|embedAssets|scope)\.ts$/, 'the exporters (menu)'],
  [/^node_modules\/konva\/lib\/shapes\/Transformer\.js$/, 'the selection handles (overlay, first idle moment)'],
  [/^src\/canvas\/presence\/PresenceLayer\.tsx$/, "others' cursors (overlay, first idle moment)"],
  [/^src\/app\/share\/ShareDialog\.tsx$/, 'the Share dialog'],
  [/^src\/app\/lobby\/Lobby\.tsx$/, 'the lobby'],
]

function modulesOf(app: BuiltApp, files: readonly string[]): string[] {
  return files.flatMap((f) => [...app.chunks.get(f)!.modules.keys()])
}

describe('the editor chunk', () => {
  const app = readBuiltApp(root)

  it('holds none of the parts that load on demand, and each of them is built into an on-demand chunk', () => {
    const editor = modulesOf(app, app.editor)
    const lazy = modulesOf(app, app.lazy)
    expect(editor.length).toBeGreaterThan(100) // the editor itself is there (React, Konva, the canvas)
    expect(editor).toContain('src/canvas/Stage.tsx')
    for (const [pattern, what] of ON_DEMAND) {
      expect(editor.filter((m) => pattern.test(m)), `${what} in the editor chunk`).toEqual([])
      expect(lazy.some((m) => pattern.test(m)), `${what} built into an on-demand chunk`).toBe(true)
    }
  })

  it(`is no larger than ${EDITOR_CHUNK_BUDGET.toLocaleString('en')} B gzip (its size when issue 20 was filed)`, () => {
    const { gzip } = sizeOf(app, app.editor)
    expect(gzip).toBeLessThanOrEqual(EDITOR_CHUNK_BUDGET)
  })
})
