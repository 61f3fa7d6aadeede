import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { restoreDoc } from '../../../src/doc/restore'
import { createUndoManager } from '../../../src/doc/undo'
import { localOrigin } from '../../../src/doc/origins'

function item(doc: Y.Doc, id: string, fields: Record<string, unknown>, text?: string): void {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  if (text !== undefined) m.set('text', new Y.Text(text))
  doc.getMap('items').set(id, m)
}

function plain(doc: Y.Doc) {
  return { items: doc.getMap('items').toJSON(), pages: doc.getMap('pages').toJSON() }
}

describe('restoreDoc', () => {
  it('makes items and pages equal to the target in one update, leaving meta alone', () => {
    const target = new Y.Doc()
    item(target, 'a', { type: 'rect', x: 1 })
    item(target, 'b', { type: 'text', x: 2 }, 'hello')
    target.getMap('pages').set('p', new Y.Map([['name', 'Page 1']]))
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(target))
    live.getMap('meta').set('title', 'Live title')
    live.getMap('items').delete('a')
    ;(live.getMap('items').get('b') as Y.Map<unknown>).set('x', 99)
    ;((live.getMap('items').get('b') as Y.Map<unknown>).get('text') as Y.Text).insert(5, ' world')
    item(live, 'c', { type: 'rect' })

    let updates = 0
    live.on('update', () => updates++)
    const r = restoreDoc(live, target, 'me')
    expect(updates).toBe(1)
    expect(r.changed).toBe(3)
    expect(plain(live)).toEqual(plain(target))
    expect(live.getMap('meta').get('title')).toBe('Live title')
  })

  it('is one undo step for the restorer', () => {
    const target = new Y.Doc()
    item(target, 'a', { type: 'rect', x: 1 })
    const live = new Y.Doc()
    item(live, 'z', { type: 'ellipse', x: 5 })
    const um = createUndoManager(live)
    restoreDoc(live, target, localOrigin)
    expect(Object.keys(live.getMap('items').toJSON())).toEqual(['a'])
    um.undo()
    expect(Object.keys(live.getMap('items').toJSON())).toEqual(['z'])
  })
})
