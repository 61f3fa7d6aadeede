import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addItems, ensureDefaultPage } from '../../../src/doc'
import { importSceneText, sceneJsonText } from '../../../src/canvas/export/json'
import { importErrorText } from '../../../src/canvas/ui/importError'

describe('the import error toast', () => {
  it('is one short line for a file with one bad item, naming the problem', () => {
    const src = new Y.Doc()
    ensureDefaultPage(src)
    addItems(src, [{ type: 'rect' }, { type: 'ellipse' }])
    const scene = JSON.parse(sceneJsonText(src)) as { items: Record<string, unknown>[] }
    scene.items[1] = { ...scene.items[1], type: 'hexagon', width: -5, x: 'left', opacity: 7 }
    const r = importSceneText(new Y.Doc(), JSON.stringify(scene))
    expect(r.ok).toBe(false)
    if (r.ok) return
    const text = importErrorText('my-board.tessera.json', r.message)
    expect(text).not.toMatch(/\n/)
    expect(text.length).toBeLessThanOrEqual(160)
    expect(text).toMatch(/^Could not import “my-board.tessera.json”: /)
  })

  it('keeps a single short problem as it is and counts the rest', () => {
    expect(importErrorText('a.json', 'Not a JSON file: Unexpected token')).toBe('Could not import “a.json”: Not a JSON file: Unexpected token')
    expect(importErrorText('a.json', 'x: bad; y: bad; z: bad')).toBe('Could not import “a.json”: x: bad (+2 more)')
  })
})
