/**
 * Some updates decode but make Yjs throw half-way through integrating them (found by fuzzing:
 * e.g. a delete set with an empty range). Applied to a room's document such an update leaves it
 * partly changed, so the room must be reloaded from storage and every client reconnect (1012) —
 * and an editor repeating it would reload the room over and over (issue 16, row 9).
 *
 * So an update is first applied to an empty scratch document at the door, before it is stored:
 * what it needs from the room is simply missing there (it waits as pending, which never throws),
 * and what is broken in the update itself throws. Such an update is refused like a corrupt one
 * (4400 for its sender only); bystanders never notice. The scratch document costs ~0.05–0.3 ms;
 * updates over TRIAL_MAX_BYTES skip it (their own apply would cost as much again), and so does a
 * failure that depends on the room's content: both still take the reload path — once: the room
 * remembers the update (its SHA-256, the last REMEMBERED of them) and the door refuses it when
 * it comes again.
 */
import crypto from 'node:crypto'
import * as Y from 'yjs'

/** how many updates that broke a room are remembered (FIFO) */
const REMEMBERED = 1_000
const knownBad = new Set<string>()

const digest = (update: Uint8Array) => crypto.createHash('sha256').update(update).digest('base64')

/** Records an update that failed in a room (its sender was at fault): the door refuses it from now on. */
export function rememberUnapplicable(update: Uint8Array): void {
  knownBad.add(digest(update))
  if (knownBad.size > REMEMBERED) knownBad.delete(knownBad.values().next().value!)
}

/** Whether this exact update already broke a room. */
export function isKnownUnapplicable(update: Uint8Array): boolean {
  return knownBad.size > 0 && knownBad.has(digest(update))
}

export const TRIAL_MAX_BYTES = 8 * 1024 * 1024

/** False when `update` (already known to decode) throws when applied to an empty document. */
export function appliesToEmptyDoc(update: Uint8Array): boolean {
  if (update.length > TRIAL_MAX_BYTES) return true
  // A fixed guid skips the random uuid of a default Doc, most of its construction cost.
  const scratch = new Y.Doc({ guid: 'tessera-trial', gc: false })
  try {
    Y.applyUpdate(scratch, update)
    return true
  } catch {
    return false
  } finally {
    scratch.destroy()
  }
}
