import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addItems, editText, ensureDefaultPage } from '../../../src/doc'
import { PendingChanges } from '../../../src/room/offline/pendingChanges'
import { touchedRecords } from '../../../src/room/offline/touchedRecords'

describe('the offline pending count', () => {
  it('one rectangle and 11 typed characters in a sticky are 2 changes, not 12+ updates', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const pending = new PendingChanges()
    doc.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => pending.noteLocalChange(false, touchedRecords(tr)))
    const r = addItems(doc, [{ type: 'sticky', text: '' }])
    if (!r.ok) throw new Error(r.message)
    const [sticky] = r.value
    addItems(doc, [{ type: 'rect' }])
    for (const [i, ch] of [...'hello world'].entries()) editText(doc, sticky!, i, 0, ch)
    expect(pending.get()).toBe(2)
    pending.acknowledge()
    editText(doc, sticky!, 0, 0, '!')
    expect(pending.get()).toBe(1)
  })
})
