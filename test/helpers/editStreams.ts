// Random streams of Yjs edits by a few clients, with crafted and corrupted updates among them:
// the input of the property tests of the door's trial (server/limits/trialApply.ts, trialShortcut.ts).
import fc from 'fast-check'
import * as Y from 'yjs'
import { UNAPPLICABLE_DS } from './poisonUpdates'

export type Edit =
  | { kind: 'set'; key: string; value: number }
  | { kind: 'delete'; key: string }
  | { kind: 'push'; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'text'; at: number; text: string }
  | { kind: 'unapplicable' }
  | { kind: 'flip'; byte: number; bit: number }

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(5) }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(8), text: fc.string({ maxLength: 4 }) }),
  fc.constant({ kind: 'unapplicable' as const }),
  fc.record({ kind: fc.constant('flip' as const), byte: fc.nat(60), bit: fc.nat(7) }),
)

/** The updates a few clients' edits produce, in order, with crafted and corrupted ones among them. */
export function updatesOf(script: Array<{ client: number; edit: Edit }>): Uint8Array[] {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const out: Uint8Array[] = []
  let last: Uint8Array | null = null
  docs.forEach((d) => d.on('update', (u: Uint8Array) => (out.push(u), (last = u))))
  for (const { client, edit: e } of script) {
    const d = docs[client]!
    if (e.kind === 'set') d.getMap('m').set(e.key, e.value)
    else if (e.kind === 'delete') d.getMap('m').delete(e.key)
    else if (e.kind === 'push') d.getArray('a').push([e.value])
    else if (e.kind === 'cut') d.getArray('a').length > e.at && d.getArray('a').delete(e.at, 1)
    else if (e.kind === 'text') d.getText('t').insert(Math.min(e.at, d.getText('t').length), e.text)
    else if (e.kind === 'unapplicable') out.push(UNAPPLICABLE_DS)
    else if (last) {
      const bad = Uint8Array.from(last as Uint8Array)
      if (bad.length > 0) bad[e.byte % bad.length]! ^= 1 << e.bit
      out.push(bad)
    }
  }
  return out
}
