import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addPage, getTitle, listPages, readItems, removePage, setTitle } from '../../../src/doc'
import { exportScene, importScene, parseScene, type SceneJSON } from '../../../src/doc/sceneJson'
import { add, countTx, must, newDoc } from './docHelpers'

function sample(): Y.Doc {
  const doc = newDoc()
  must(setTitle(doc, 'Roadmap'))
  const p2 = must(addPage(doc, 'Two'))
  add(doc, { type: 'rect', x: 1 }, { type: 'sticky', text: 'note' }, { type: 'arrow', points: [0, 0, 5, 5] })
  add(doc, { type: 'path', pageId: p2, points: [0, 0, 1, 1, 2, 0] })
  return doc
}

describe('scene JSON', () => {
  it('round-trips through JSON text into a fresh doc (replace)', () => {
    const doc = sample()
    const json = JSON.stringify(exportScene(doc))
    const parsed = must(parseScene(JSON.parse(json)))
    const fresh = newDoc()
    add(fresh, { type: 'ellipse' }) // replaced away
    const { value, count } = countTx(fresh, () => importScene(fresh, parsed, 'replace'))
    expect(count).toBe(1)
    expect(must(value)).toEqual({ items: 4, pages: 2 })
    expect(exportScene(fresh)).toEqual(exportScene(doc))
    expect(getTitle(fresh)).toBe('Roadmap')
  })

  it('merge adds copies with new ids above existing items and keeps the title', () => {
    const doc = sample()
    const scene = exportScene(doc)
    const target = newDoc()
    must(setTitle(target, 'Mine'))
    const [mine] = add(target, { type: 'ellipse' })
    must(importScene(target, scene, 'merge'))
    must(importScene(target, scene, 'merge'))
    expect(getTitle(target)).toBe('Mine')
    expect(listPages(target).map((p) => p.name)).toEqual(['Page 1', 'Two'])
    const items = readItems(target).items
    expect(items).toHaveLength(9)
    expect(new Set(items.map((i) => i.id)).size).toBe(9)
    const page1 = readItems(target, 'page-1').items
    expect(page1[0]!.id).toBe(mine)
    expect(page1.slice(1).map((i) => i.type)).toEqual(['rect', 'sticky', 'arrow', 'rect', 'sticky', 'arrow'])
  })

  it('gives clear errors for bad JSON', () => {
    const base = exportScene(sample())
    const cases: [unknown, string, string][] = [
      ['{not json', 'invalid_json', 'not valid JSON'],
      [[], 'invalid_scene', 'expected a JSON object'],
      [{ ...base, format: 'excalidraw' }, 'invalid_scene', 'format'],
      [{ ...base, version: 2 }, 'unsupported_version', 'version: 2'],
      [{ ...base, items: base.items.map((it, i) => (i === 2 ? { ...it, x: 'a' } : it)) }, 'invalid_scene', 'items[2].x: expected number'],
      [{ ...base, items: [{ ...base.items[0]!, pageId: 'ghost' }] }, 'invalid_scene', 'items[0].pageId: unknown page'],
      [{ ...base, items: [base.items[0], base.items[0]] }, 'invalid_scene', 'items[1].id: duplicate'],
      [{ ...base, pages: [] }, 'invalid_scene', 'pages'],
    ]
    for (const [input, code, text] of cases) {
      const r = parseScene(input)
      expect(r).toMatchObject({ ok: false, code })
      if (!r.ok) expect(r.message).toContain(text)
    }
  })

  it('importScene validates its input and writes nothing when it is bad', () => {
    const doc = newDoc()
    const bad = { ...exportScene(doc), items: [{ id: 'x' }] } as unknown as SceneJSON
    const { value, count } = countTx(doc, () => importScene(doc, bad, 'replace'))
    expect(value.ok).toBe(false)
    expect(count).toBe(0)
  })

  it('exports only items on existing pages, so a board with orphans still gives an importable file', () => {
    // A removes page Two while B, offline, draws on it; after the merge B's item names a page
    // that no longer exists (no sweeper installed here: that is the board nobody cleaned up).
    const a = sample()
    const two = listPages(a).find((p) => p.name === 'Two')!.id
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const [drawn] = add(b, { type: 'ellipse', pageId: two, x: 7 })
    must(removePage(a, two))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(readItems(a).items.map((i) => i.id)).toContain(drawn)

    const scene = exportScene(a)
    expect(scene.pages.map((p) => p.id)).toEqual(['page-1'])
    expect(scene.items.map((i) => i.id)).not.toContain(drawn)
    expect(scene.items.map((i) => i.type)).toEqual(['rect', 'sticky', 'arrow'])
    const parsed = must(parseScene(JSON.parse(JSON.stringify(scene))))
    const fresh = newDoc()
    expect(must(importScene(fresh, parsed, 'replace'))).toEqual({ items: 3, pages: 1 })
    expect(exportScene(fresh)).toEqual(scene)
  })
})
