import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addItems,
  copyItems,
  duplicateItems,
  editText,
  getItemMap,
  moveItems,
  pasteItems,
  readItem,
  reorder,
  setText,
  updateItems,
} from '../../../src/doc'
import { add, must, newDoc } from './docHelpers'

const by = (doc: Y.Doc, id: string) => getItemMap(doc, id)?.get('updatedBy')

describe('updatedBy: every item-writing scene op records its author', () => {
  it('addItems writes the author on new items and readItem returns it', () => {
    const doc = newDoc()
    const [id] = must(addItems(doc, [{ type: 'rect' }], { author: 'Ada' }))
    expect(by(doc, id!)).toBe('Ada')
    expect(readItem(doc, id!)?.updatedBy).toBe('Ada')
  })

  it('updateItems, moveItems and reorder re-stamp the items they change, in the same transaction', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'rect' }, { type: 'rect' })
    let txs = 0
    doc.on('afterTransaction', () => txs++)
    must(updateItems(doc, [{ id: a!, patch: { fill: '#ff0000' } }], { author: 'Bo' }))
    expect([by(doc, a!), by(doc, b!), txs]).toEqual(['Bo', undefined, 1])
    must(moveItems(doc, [b!], 5, 5, { author: 'Cy' }))
    expect([by(doc, b!), txs]).toEqual(['Cy', 2])
    must(reorder(doc, [a!], 'front', { author: 'Di' }))
    expect(by(doc, a!)).toBe('Di')
  })

  it('an update that changes nothing does not re-stamp', () => {
    const doc = newDoc()
    const [a] = must(addItems(doc, [{ type: 'rect', fill: '#fff' }], { author: 'Ada' }))
    must(updateItems(doc, [{ id: a!, patch: { fill: '#fff' } }], { author: 'Bo' }))
    expect(by(doc, a!)).toBe('Ada')
  })

  it('typing (setText/editText) stamps the text item', () => {
    const doc = newDoc()
    const [t] = add(doc, { type: 'text' })
    must(editText(doc, t!, 0, 0, 'hi', { author: 'Eve' }))
    expect(by(doc, t!)).toBe('Eve')
    must(setText(doc, t!, 'hello', { author: 'Fay' }))
    expect(by(doc, t!)).toBe('Fay')
  })

  it('duplicates and pasted copies belong to whoever made them', () => {
    const doc = newDoc()
    const [a] = must(addItems(doc, [{ type: 'rect' }], { author: 'Ada' }))
    const [d] = must(duplicateItems(doc, [a!], undefined, { author: 'Bo' }))
    expect(by(doc, d!)).toBe('Bo')
    const [p] = must(pasteItems(doc, copyItems(doc, [a!]), { pageId: 'page-1' }, { author: 'Cy' }))
    expect(by(doc, p!)).toBe('Cy')
    expect(by(doc, a!)).toBe('Ada')
  })

  it('without an author (or a blank one) updatedBy is left as it was', () => {
    const doc = newDoc()
    const [a] = must(addItems(doc, [{ type: 'rect' }], { author: 'Ada' }))
    must(moveItems(doc, [a!], 1, 1))
    must(moveItems(doc, [a!], 1, 1, { author: '   ' }))
    expect(by(doc, a!)).toBe('Ada')
    const [b] = add(doc, { type: 'rect' })
    expect(by(doc, b!)).toBeUndefined()
  })

  it('a foreign updatedBy that is not a string makes the item invalid, like any bad field', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    getItemMap(doc, a!)!.set('updatedBy', 42)
    expect(readItem(doc, a!)).toBeNull()
  })
})
