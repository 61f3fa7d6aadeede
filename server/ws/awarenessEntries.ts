/**
 * The entries of a y-protocols awareness update — `[count, (clientId, clock, stateJSON)…]` — read
 * and written without parsing the JSON, so presence can be checked, filtered and re-framed cheaply.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageAwareness } from './protocol'

export interface AwarenessEntry {
  id: number
  clock: number
  /** the state as JSON bytes (`null` for a removed state) */
  state: Uint8Array
}

/** The entries of an awareness update, or null when it cannot be read. */
export function readEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const d = decoding.createDecoder(update)
    const n = decoding.readVarUint(d)
    const out: AwarenessEntry[] = []
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(d)
      const clock = decoding.readVarUint(d)
      out.push({ id, clock, state: decoding.readVarUint8Array(d) })
    }
    return out
  } catch {
    return null
  }
}

/** One entry, encoded (to be joined with others by awarenessFrame). */
export function encodeEntry(id: number, clock: number, stateJson: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, id)
  encoding.writeVarUint(e, clock)
  encoding.writeVarString(e, stateJson)
  return encoding.toUint8Array(e)
}

/** An awareness update of the given entries. */
export function entriesUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const a of entries) {
    encoding.writeVarUint(e, a.id)
    encoding.writeVarUint(e, a.clock)
    encoding.writeVarUint8Array(e, a.state)
  }
  return encoding.toUint8Array(e)
}

/** A whole awareness message (`[1, varByteArray(update)]`) of already encoded entries. */
export function awarenessFrame(encoded: readonly Uint8Array[]): Uint8Array {
  const body = encoding.createEncoder()
  encoding.writeVarUint(body, encoded.length)
  for (const x of encoded) encoding.writeUint8Array(body, x)
  const update = encoding.toUint8Array(body)
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, messageAwareness)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

const NULL_STATE = new TextEncoder().encode('null')

export function isNullState(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && state.every((b, i) => b === NULL_STATE[i])
}
