/**
 * The y-websocket wire protocol (y-protocols), as pure functions. A frame is
 * `[messageType: varUint, payload…]`; the sync payload is `[syncType: varUint, varByteArray]`.
 * Incoming frames are parsed into a typed result and fully validated (including decoding the
 * Yjs update) before anything touches a document, so a corrupt frame can be refused whole.
 * Like the reference server, frames it does not know (empty, unknown message or sync types, an
 * auth message from a client) are ignored rather than refused: apps send custom message types
 * through `provider.ws`, and newer protocol versions may add some.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { summarizeUpdate, type UpdateSummary } from '../limits/updateSummary'
import { isKnownUnapplicable } from '../limits/trialApply'

export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3

export const syncStep1 = 0
export const syncStep2 = 1
export const syncUpdate = 2

/** y-protocols/auth: the only auth message, telling the client it was refused. */
export const authPermissionDenied = 0

export type IncomingMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2'; update: Uint8Array; summary?: UpdateSummary; summaryPending?: boolean }
  | { kind: 'update'; update: Uint8Array; summary?: UpdateSummary; summaryPending?: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }
  /** a frame the server does not handle and skips (never a reason to close) */
  | { kind: 'ignored'; reason: IgnoredReason; detail: string }

/** Why a frame was skipped: a fixed set (a metric label); `detail` says more, for the log. */
export type IgnoredReason = 'empty frame' | 'unknown message type' | 'unknown sync message type' | 'auth message from client' | 'text frame'

/**
 * Why a frame was refused: a fixed set, so it can label a metric (a label value per distinct
 * message would let a client grow the metrics without bound). `detail` says more, for the log.
 */
export type RefusalReason =
  | 'truncated frame'
  | 'corrupt state vector'
  | 'corrupt update'
  | 'impossible update'
  | 'update could not be applied'

export type ParseResult = { ok: true; message: IncomingMessage } | { ok: false; reason: RefusalReason; detail: string }

function fail(reason: RefusalReason, detail: string = reason): ParseResult {
  return { ok: false, reason, detail }
}

function ignored(reason: IgnoredReason, detail: string = reason): ParseResult {
  return { ok: true, message: { kind: 'ignored', reason, detail } }
}

/** True for the update of a replica that has nothing to send (what a stock client answers a step 1 with when it has no edits). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

/** True when `update` is a decodable Yjs (v1) update. Decoding reads every struct and the delete set. */
export function isDecodableUpdate(update: Uint8Array): boolean {
  return updateFault(update) !== 'corrupt update'
}

/**
 * Why an update from a client is refused before it touches a document, or null to accept it:
 * 'corrupt update' when Yjs cannot decode it; 'impossible update' when a struct refers to a
 * struct of its own client that cannot exist yet (its origin, right origin or parent at the same
 * or a later clock). Yjs never writes that — a struct only refers to what existed when it was
 * made — but it would wait as pending and later break the integration of that client's real
 * struct with the same id, so it is refused at the door.
 */
export function updateFault(update: Uint8Array): 'corrupt update' | 'impossible update' | null {
  const summary = summarizeUpdate(update)
  return summary === null ? 'corrupt update' : summary.impossible ? 'impossible update' : null
}

/**
 * Parses one binary frame from a client; never throws. `trialAnySize`: an update gets the trial
 * apply whatever its size (its sender broke a room lately; server/limits/trialApply.ts);
 * `deferTrialOver`: updates larger than this are not tried here, their summary says
 * `trialPending` (the caller tries them off the main thread, server/limits/trialWorker.ts);
 * `deferSummaryOver`: updates larger than this are not even decoded here (`summaryPending`: the
 * caller has them decoded, summarized and refused or tried off the main thread too).
 */
export function parseMessage(
  frame: Uint8Array,
  opts: { validateUpdates?: boolean; trialAnySize?: boolean; deferTrialOver?: number; deferSummaryOver?: number } = {},
): ParseResult {
  const validate = opts.validateUpdates ?? true
  if (frame.length === 0) return ignored('empty frame')
  const decoder = decoding.createDecoder(frame)
  let type: number
  try {
    type = decoding.readVarUint(decoder)
  } catch {
    // not even a message type: nothing the server knows
    return ignored('unknown message type', 'unreadable message type')
  }
  try {
    switch (type) {
      case messageSync: {
        const syncType = decoding.readVarUint(decoder)
        if (syncType !== syncStep1 && syncType !== syncStep2 && syncType !== syncUpdate) {
          return ignored('unknown sync message type', `unknown sync message type ${syncType}`)
        }
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === syncStep1) {
          try {
            Y.decodeStateVector(payload)
          } catch {
            return fail('corrupt state vector')
          }
          return { ok: true, message: { kind: 'syncStep1', stateVector: payload } }
        }
        const kind = syncType === syncStep2 ? 'syncStep2' : 'update'
        if (validate && opts.deferSummaryOver !== undefined && payload.length > opts.deferSummaryOver) {
          if (isKnownUnapplicable(payload)) return fail('update could not be applied')
          return { ok: true, message: { kind, update: payload, summaryPending: true } }
        }
        // The summary (struct count, client ranges, outside references) is what the room's cost budget checks.
        const summary = validate ? summarizeUpdate(payload, { trialAnySize: opts.trialAnySize, deferTrialOver: opts.deferTrialOver }) : null
        if (validate && summary === null) return fail('corrupt update')
        if (summary?.impossible) return fail('impossible update')
        if (summary?.unapplicable) return fail('update could not be applied')
        return { ok: true, message: { kind, update: payload, summary: summary ?? undefined } }
      }
      case messageAwareness:
        return { ok: true, message: { kind: 'awareness', update: decoding.readVarUint8Array(decoder) } }
      case messageQueryAwareness:
        return { ok: true, message: { kind: 'queryAwareness' } }
      case messageAuth:
        return ignored('auth message from client')
      default:
        return ignored('unknown message type', `unknown message type ${type}`)
    }
  } catch {
    // lib0 throws on reads past the end: truncated varints and short byte arrays land here.
    return fail('truncated frame')
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

/** One sync-protocol message: message type, sync sub-type, then the payload with its length. */
function encodeSyncMessage(subType: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, subType)
    encoding.writeVarUint8Array(e, payload)
  })
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncStep1, stateVector)
}

/**
 * A sync step 2 as two parts, the message head and the update itself: a big update (a 50 MB board
 * sent to a joiner) is then sent as it is, without copying it into a frame of its own (the
 * connection sends the parts as fragments of one WebSocket message).
 */
export function syncStep2Parts(update: Uint8Array): [Uint8Array, Uint8Array] {
  const head = frame((e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, syncStep2)
    encoding.writeVarUint(e, update.length)
  })
  return [head, update]
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncStep2, update)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncUpdate, update)
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, messageAwareness)
    encoding.writeVarUint8Array(e, awarenessUpdate)
  })
}

/** y-protocols/auth "permission denied" with a human-readable reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, messageAuth)
    encoding.writeVarUint(e, authPermissionDenied)
    encoding.writeVarString(e, reason)
  })
}

/** True when an encoded state vector names no clients (a brand-new, empty replica). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0
}
