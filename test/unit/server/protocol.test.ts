import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import {
  encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyStateVector,
  messageAuth, parseMessage, isEmptyUpdate, updateFault } from '../../../server/ws/protocol'

const docWith = (key: string) => {
  const d = new Y.Doc()
  d.getMap('m').set(key, 1)
  return d
}

describe('ws/protocol', () => {
  it('parses what it encodes: sync step 1, step 2, update and awareness', () => {
    const d = docWith('a')
    const sv = Y.encodeStateVector(d)
    const update = Y.encodeStateAsUpdate(d)
    expect(parseMessage(encodeSyncStep1(sv))).toEqual({ ok: true, message: { kind: 'syncStep1', stateVector: sv } })
    expect(parseMessage(encodeSyncStep2(update))).toMatchObject({ ok: true, message: { kind: 'syncStep2', update } })
    expect(parseMessage(encodeUpdate(update))).toMatchObject({ ok: true, message: { kind: 'update', update } })
    expect(parseMessage(encodeAwareness(Uint8Array.of(0)))).toEqual({ ok: true, message: { kind: 'awareness', update: Uint8Array.of(0) } })
    expect(parseMessage(Uint8Array.of(3))).toEqual({ ok: true, message: { kind: 'queryAwareness' } })
  })

  it('is compatible with y-protocols framing as the stock client reads it', () => {
    const frame = encodeSyncStep2(Y.encodeStateAsUpdate(docWith('b')))
    const dec = decoding.createDecoder(frame)
    expect(decoding.readVarUint(dec)).toBe(0)
    expect(decoding.readVarUint(dec)).toBe(1)
    const target = new Y.Doc()
    Y.applyUpdate(target, decoding.readVarUint8Array(dec))
    expect(target.getMap('m').get('b')).toBe(1)
  })

  it.each([
    ['a truncated sync message', Uint8Array.of(0, 0x81), 'truncated frame'],
    ['a byte array past the end', Uint8Array.of(0, 2, 50, 1), 'truncated frame'],
    ['a corrupt update', Uint8Array.of(0, 2, 4, 1, 250, 250, 250), 'corrupt update'],
    ['a corrupt state vector', Uint8Array.of(0, 0, 2, 5, 0x80), 'corrupt state vector'],
  ])('refuses %s (a corrupt message of a known type) with a fixed reason and a detail, and never throws', (_label, frame, reason) => {
    const r = parseMessage(frame)
    expect(r).toMatchObject({ ok: false, reason })
    if (!r.ok) expect(r.detail.length).toBeGreaterThan(0)
  })

  it.each([
    ['an empty frame', new Uint8Array(0), 'empty frame'],
    ['an unreadable message type', Uint8Array.of(0xff), 'unknown message type'],
    ['an unknown message type', Uint8Array.of(42), 'unknown message type'],
    ['an unknown message type with a payload', Uint8Array.of(100, 5, 1, 2, 3, 4, 5), 'unknown message type'],
    ['an unknown sync type', Uint8Array.of(0, 9, 0), 'unknown sync message type'],
    ['an unknown sync type with a truncated payload', Uint8Array.of(0, 9, 50), 'unknown sync message type'],
    ['a client auth message', Uint8Array.of(messageAuth, 0, 0), 'auth message from client'],
  ])('skips %s like the reference server (ignored, with a fixed reason), never refuses it', (_label, frame, reason) => {
    expect(parseMessage(frame)).toMatchObject({ ok: true, message: { kind: 'ignored', reason } })
  })

  it('keeps the number out of the reason of unknown types (it is in the detail)', () => {
    expect(parseMessage(Uint8Array.of(77))).toEqual({ ok: true, message: { kind: 'ignored', reason: 'unknown message type', detail: 'unknown message type 77' } })
    expect(parseMessage(Uint8Array.of(0, 55, 0))).toEqual({ ok: true, message: { kind: 'ignored', reason: 'unknown sync message type', detail: 'unknown sync message type 55' } })
  })

  it('accepts what Yjs writes and refuses a struct that names its own client\'s future', () => {
    const d = new Y.Doc()
    d.getText('t').insert(0, 'hello')
    d.getText('t').insert(2, 'XY') // origins and right origins of the same client, all earlier
    const nested = new Y.Map<unknown>()
    d.getMap('items').set('k', nested)
    nested.set('x', 1) // a parent id of the same client, earlier
    expect(updateFault(Y.encodeStateAsUpdate(d))).toBeNull()
    expect(updateFault(Uint8Array.of(1, 2, 3))).toBe('corrupt update')
    // one struct (client 5, clock 3) whose parent is (5, 9): it could not have existed yet
    const e = encoding.createEncoder()
    for (const n of [1, 1, 5, 3]) encoding.writeVarUint(e, n)
    encoding.writeUint8(e, 0x28)
    for (const n of [0, 5, 9]) encoding.writeVarUint(e, n)
    encoding.writeVarString(e, 'k')
    encoding.writeVarUint(e, 1)
    encoding.writeUint8(e, 119)
    encoding.writeVarString(e, 'v')
    encoding.writeVarUint(e, 0)
    expect(updateFault(encoding.toUint8Array(e))).toBe('impossible update')
  })

  it('leaves the decoding of an update over `deferSummaryOver` to the caller (it is decoded off the main thread)', () => {
    const update = Y.encodeStateAsUpdate(docWith('x'.repeat(2_000)))
    const frame = encodeUpdate(update)
    expect(parseMessage(frame, { deferSummaryOver: 100 })).toEqual({ ok: true, message: { kind: 'update', update, summaryPending: true } })
    // not decoded: a corrupt one is not refused here either
    const corrupt = encodeUpdate(update.subarray(0, update.length - 500))
    expect(parseMessage(corrupt, { deferSummaryOver: 100 })).toMatchObject({ ok: true, message: { summaryPending: true } })
    expect(parseMessage(corrupt)).toMatchObject({ ok: false, reason: 'corrupt update' })
    // smaller ones are decoded as before
    expect(parseMessage(frame, { deferSummaryOver: 1_000_000 })).toMatchObject({ ok: true, message: { kind: 'update', summary: { structs: 1 } } })
  })

  it('recognises the empty update a client without edits answers a step 1 with', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true)
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(docWith('x')))).toBe(false)
  })

  it('refuses every truncation of a valid update frame (past its type)', () => {
    const frame = encodeUpdate(Y.encodeStateAsUpdate(docWith('truncate-me')))
    for (let n = 2; n < frame.length; n++) expect(parseMessage(frame.subarray(0, n)).ok).toBe(false)
  })

  it('writes a y-protocols permission-denied auth message', () => {
    const dec = decoding.createDecoder(encodePermissionDenied('no'))
    expect([decoding.readVarUint(dec), decoding.readVarUint(dec), decoding.readVarString(dec)]).toEqual([2, 0, 'no'])
  })

  it('recognises the empty state vector of a new client', () => {
    expect(isEmptyStateVector(Y.encodeStateVector(new Y.Doc()))).toBe(true)
    expect(isEmptyStateVector(Y.encodeStateVector(docWith('x')))).toBe(false)
  })
})
