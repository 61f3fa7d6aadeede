import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_PAGE_ID, addItems, addPage, ensureDefaultPage } from '../../../src/doc'
import { exportItems } from '../../../src/canvas/export/scope'

function board() {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const pageId = DEFAULT_PAGE_ID
  const r = addItems(doc, [
    { type: 'rect', pageId, x: 0, y: 0, width: 10, height: 10 },
    { type: 'ellipse', pageId, x: 50, y: 0, width: 10, height: 10 },
    { type: 'sticky', pageId, x: 100, y: 0, width: 10, height: 10, text: 'hi' },
  ])
  if (!r.ok) throw new Error(r.message)
  return { doc, pageId, ids: r.value }
}

describe('exportItems (what PNG/SVG export covers)', () => {
  it('exports the whole current page when nothing is selected', () => {
    const { doc, pageId, ids } = board()
    const out = exportItems(doc, { pageId, selection: [] })
    expect(out.scope).toBe('page')
    expect(out.items.map((i) => i.id).sort()).toEqual([...ids].sort())
  })

  it('exports only the selected items, in z-order', () => {
    const { doc, pageId, ids } = board()
    const out = exportItems(doc, { pageId, selection: [ids[2]!, ids[0]!] })
    expect(out.scope).toBe('selection')
    expect(out.items.map((i) => i.id)).toEqual([ids[0], ids[2]])
  })

  it('falls back to the page when the selected items are gone (deleted by someone else)', () => {
    const { doc, pageId } = board()
    const out = exportItems(doc, { pageId, selection: ['no-such-item'] })
    expect(out.scope).toBe('page')
    expect(out.items).toHaveLength(3)
  })

  it('never exports items of another page, even if their ids are in the selection', () => {
    const { doc, pageId, ids } = board()
    const other = addPage(doc, 'Page 2')
    if (!other.ok) throw new Error(other.message)
    const r = addItems(doc, [{ type: 'rect', pageId: other.value, x: 0, y: 0, width: 5, height: 5 }])
    if (!r.ok) throw new Error(r.message)
    const onOther = exportItems(doc, { pageId: other.value, selection: [ids[0]!] })
    expect(onOther).toMatchObject({ scope: 'page' })
    expect(onOther.items.map((i) => i.id)).toEqual(r.value)
    expect(exportItems(doc, { pageId, selection: r.value }).scope).toBe('page')
  })
})
