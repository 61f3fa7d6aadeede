import { describe, expect, it } from 'vitest'
import { addPage, copyItems, parseClipboard, pasteItems, readItem, readItems } from '../../../src/doc'
import { add, countTx, must, newDoc } from './docHelpers'

describe('clipboard', () => {
  it('copies valid items bottom-first and pastes them into another board centred at a point', () => {
    const src = newDoc()
    const [a, b] = add(src, { type: 'rect', x: 0, y: 0, width: 100, height: 50 }, { type: 'sticky', text: 'hi', x: 200, y: 0, width: 100, height: 50 })
    const clip = copyItems(src, [b!, a!, 'missing'])
    expect(clip.items.map((i) => i.id)).toEqual([a, b])
    const text = JSON.stringify(clip)

    const dst = newDoc()
    const p2 = must(addPage(dst, 'Two'))
    const [existing] = add(dst, { type: 'ellipse', pageId: p2 })
    const parsed = must(parseClipboard(text))
    const { value, count } = countTx(dst, () => pasteItems(dst, parsed, { pageId: p2, at: { x: 1000, y: 1000 } }))
    expect(count).toBe(1)
    const [a2, b2] = must(value)
    expect(a2).not.toBe(a)
    expect(readItems(dst, p2).items.map((i) => i.id)).toEqual([existing, a2, b2])
    // bounds were x 0..300, y 0..50 → centre (150, 25) moves to (1000, 1000)
    expect(readItem(dst, a2!)).toMatchObject({ x: 850, y: 975, pageId: p2 })
    expect(readItem(dst, b2!)).toMatchObject({ x: 1050, y: 975, text: 'hi' })
  })

  it('pastes in place without a point, and twice without id clashes', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect', x: 7, y: 8 })
    const clip = copyItems(doc, [a!])
    const [c1] = must(pasteItems(doc, clip, { pageId: 'page-1' }))
    const [c2] = must(pasteItems(doc, clip, { pageId: 'page-1' }))
    expect(readItem(doc, c1!)).toMatchObject({ x: 7, y: 8 })
    expect(new Set([a, c1, c2]).size).toBe(3)
  })

  it('rejects text that is not Tessera clipboard JSON', () => {
    expect(parseClipboard('hello')).toMatchObject({ ok: false, code: 'not_clipboard' })
    expect(parseClipboard('{"format":"other"}')).toMatchObject({ ok: false, code: 'not_clipboard' })
    expect(parseClipboard('{"format":"tessera-clipboard","version":9,"items":[]}')).toMatchObject({ ok: false, code: 'unsupported_version' })
    const r = parseClipboard('{"format":"tessera-clipboard","version":1,"items":[{"id":"x","type":"rect"}]}')
    expect(r).toMatchObject({ ok: false, code: 'invalid_clipboard' })
    if (!r.ok) expect(r.message).toContain('items[0]')
  })

  it('a clipboard built by hand (not parsed or copied here) is still validated by pasteItems: a bad item refuses the paste and writes nothing', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect', x: 7, y: 8 })
    const good = copyItems(doc, [a!])
    // a structurally equal copy is not trusted: it goes through the schema (and passes)
    const byHand = JSON.parse(JSON.stringify(good)) as typeof good
    expect(must(pasteItems(doc, byHand, { pageId: 'page-1' }))).toHaveLength(1)
    const bad = { ...byHand, items: [{ ...byHand.items[0]!, width: -5 }] }
    const before = readItems(doc, 'page-1').items.length
    const { value, count } = countTx(doc, () => pasteItems(doc, bad, { pageId: 'page-1' }))
    expect(value).toMatchObject({ ok: false, code: 'invalid_clipboard' })
    expect(count).toBe(0)
    expect(readItems(doc, 'page-1').items.length).toBe(before)
  })
})
