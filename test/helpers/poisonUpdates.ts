// Crafted Yjs input shared by the tests of the door's trial and poisoned rooms.
import * as encoding from 'lib0/encoding'

/** Found by fuzzing: no structs, a delete set Yjs decodes and then throws on ("Unexpected case"). */
export const UNAPPLICABLE_DS = Uint8Array.from(Buffer.from('0001070203010700', 'hex'))

/** A y-protocols sync "update" message (type 0, sub-type 2) carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // sync
  encoding.writeVarUint(e, 2) // update
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
