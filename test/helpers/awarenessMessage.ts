import * as encoding from 'lib0/encoding'
import { encodeAwareness } from '../../server/ws/protocol'

/** A whole awareness message (type 1) with one entry per [client id, clock, state]; a null state removes. */
export function awarenessMessage(entries: Array<[number, number, unknown]>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  }
  return encodeAwareness(encoding.toUint8Array(e))
}
