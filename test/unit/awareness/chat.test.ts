import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CHAT_MAX_STORED, CHAT_MAX_TEXT, chatArray, observeChat, parseChatMessage, readChat, sendChat } from '../../../src/doc/chat'
import { createUndoManager } from '../../../src/doc/undo'

describe('chat', () => {
  it('sends one message in one transaction and reads it back', () => {
    const doc = new Y.Doc()
    let txs = 0
    doc.on('update', () => txs++)
    const r = sendChat(doc, { author: 'Quick Otter', color: '#e03131', text: '  hello  ' }, 1234)
    expect(r.ok).toBe(true)
    expect(txs).toBe(1)
    expect(readChat(doc)).toMatchObject([{ author: 'Quick Otter', color: '#e03131', text: 'hello', ts: 1234 }])
  })

  it('refuses blank text and caps long text', () => {
    const doc = new Y.Doc()
    expect(sendChat(doc, { author: 'A', color: '#000000', text: '   ' }).ok).toBe(false)
    sendChat(doc, { author: 'A', color: '#000000', text: 'x'.repeat(5000) })
    expect(readChat(doc)[0].text.length).toBe(CHAT_MAX_TEXT)
  })

  it('skips malformed entries written by other clients', () => {
    const doc = new Y.Doc()
    const arr = chatArray(doc)
    arr.push([42, 'str', null, { id: 'x' }, { id: 'a', author: 'A', color: 'red; x', text: 'hi', ts: 1 }])
    arr.push([{ id: 'b', author: 'B', color: '#fff', text: 'y'.repeat(CHAT_MAX_TEXT + 1), ts: 1 }])
    arr.push([new Y.Map()])
    arr.push([{ id: 'c', author: 'C', color: '#123456', text: 'ok', ts: 2 }])
    expect(readChat(doc).map((m) => m.id)).toEqual(['c'])
    expect(parseChatMessage({ id: 'c', author: 'C', color: '#123456', text: '', ts: 2 })).toBeNull()
  })

  it('shows only the last N and trims storage', () => {
    const doc = new Y.Doc()
    for (let i = 0; i < CHAT_MAX_STORED + 20; i++) sendChat(doc, { author: 'A', color: '#000', text: `m${i}` })
    expect(chatArray(doc).length).toBe(CHAT_MAX_STORED)
    const last = readChat(doc, 5)
    expect(last.map((m) => m.text)).toEqual([15, 16, 17, 18, 19].map((i) => `m${CHAT_MAX_STORED + i}`))
  })

  it('syncs to another doc and is not undoable', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const um = createUndoManager(a)
    let seen = 0
    observeChat(b, (e) => {
      if (!e.local) seen++
    })
    sendChat(a, { author: 'A', color: '#000', text: 'hi' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readChat(b).map((m) => m.text)).toEqual(['hi'])
    expect(seen).toBe(1)
    expect(um.canUndo()).toBe(false)
  })
})
