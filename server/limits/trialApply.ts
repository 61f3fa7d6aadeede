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
 * it comes again. It also remembers the sender's address for SUSPECT_MS: from that address every
 * update gets the trial whatever its size, so varying the bytes of a big unapplicable update does
 * not buy another reload (one reload per address, not one per variant).
 */
import crypto from 'node:crypto'
import * as Y from 'yjs'

/** how many updates that broke a room are remembered (FIFO) */
const REMEMBERED = 1_000
const knownBad = new Set<string>()

const digest = (update: Uint8Array) => crypto.createHash('sha256').update(update).digest('base64')

/** how long an address that sent an update which broke a room gets the trial for every update */
export const SUSPECT_MS = 60 * 60 * 1000
/** addresses remembered at once (the oldest are forgotten first) */
const SUSPECTS_REMEMBERED = 10_000
/** address → when its suspicion ends (performance.now() time), in insertion order */
const suspects = new Map<string, number>()

/**
 * Records an update that failed in a room (its sender was at fault): the door refuses it from
 * now on, and every update from `sender` (an address) gets the trial for SUSPECT_MS.
 */
export function rememberUnapplicable(update: Uint8Array, sender?: string): void {
  knownBad.add(digest(update))
  if (knownBad.size > REMEMBERED) knownBad.delete(knownBad.values().next().value!)
  if (sender === undefined || sender === '') return
  suspects.delete(sender)
  suspects.set(sender, performance.now() + SUSPECT_MS)
  if (suspects.size > SUSPECTS_REMEMBERED) suspects.delete(suspects.keys().next().value!)
}

/** Whether updates from this address get the trial whatever their size (it broke a room lately). */
export function isSuspect(address: string): boolean {
  const until = suspects.get(address)
  if (until === undefined) return false
  if (until > performance.now()) return true
  suspects.delete(address)
  return false
}

/** Whether this exact update already broke a room. */
export function isKnownUnapplicable(update: Uint8Array): boolean {
  return knownBad.size > 0 && knownBad.has(digest(update))
}

export const TRIAL_MAX_BYTES = 8 * 1024 * 1024

/** Whether `update` gets the trial: up to TRIAL_MAX_BYTES, or any size when `anySize` (the sender is a suspect). */
export function getsTrial(update: Uint8Array, anySize = false): boolean {
  return update.length <= TRIAL_MAX_BYTES || anySize
}

/**
 * False when `update` (already known to decode) throws when applied to an empty document. Updates
 * over TRIAL_MAX_BYTES are not tried (true) unless `anySize` (the sender is a suspect). Big updates
 * are tried on a worker thread instead (trialWorker.ts), with the same code.
 */
export function appliesToEmptyDoc(update: Uint8Array, anySize = false): boolean {
  if (!getsTrial(update, anySize)) return true
  return scratch.applies(update)
}

/**
 * The trial's scratch document. A client's next edit refers to its earlier ones, so in an empty
 * document nothing of it integrates: it all waits as pending. Dropping what waits makes the
 * document empty again, and the next trial uses it instead of building one (a new document, with
 * its random client id, was about a third of a small update's trial). A document in which
 * anything integrated, or that threw, is thrown away.
 */
export class TrialScratch {
  private spare: Y.Doc | null = null

  /** Whether `update` applies to an empty document; `inspect` sees that document right after (tests). */
  applies(update: Uint8Array, inspect?: (doc: Y.Doc) => void): boolean {
    // A fixed guid skips the random uuid of a default Doc, much of its construction cost.
    const doc = this.spare ?? new Y.Doc({ guid: 'tessera-trial', gc: false })
    this.spare = null
    let applies = true
    try {
      Y.applyUpdate(doc, update)
    } catch {
      applies = false
    }
    inspect?.(doc)
    if (applies && doc.store.clients.size === 0) {
      doc.store.pendingStructs = null
      doc.store.pendingDs = null
      doc.share.clear()
      this.spare = doc
    } else doc.destroy()
    return applies
  }
}

const scratch = new TrialScratch()
