/**
 * Every WebSocket close the server initiates, as data: a code and a short reason. 4xxx codes are
 * application codes (RFC 6455 §7.4.2) mirroring the matching HTTP status where one exists.
 */
export interface CloseEvent {
  code: number
  reason: string
}

/**
 * The peer sent a corrupt message of a known type (a truncated sync message, an update Yjs cannot
 * decode or apply, a corrupt awareness update): sending it again after a reconnect cannot help, and
 * y-websocket >= 3.1 stops for good on 4400-4499. Frames of unknown types, text and empty frames
 * are skipped, never refused.
 */
export const BadMessage: CloseEvent = { code: 4400, reason: 'bad message' }
/** The connection's credentials are no longer valid (e.g. a revoked or expired token). */
export const Unauthorized: CloseEvent = { code: 4401, reason: 'unauthorized' }
/** The connection lost its right to this room (e.g. access changed to private). */
export const Forbidden: CloseEvent = { code: 4403, reason: 'forbidden' }
/** The room was deleted by its owner; all its connections end. */
export const RoomDeleted: CloseEvent = { code: 4404, reason: 'room deleted' }
/**
 * The peer does not read fast enough: its send buffer passed the limit. Transient (45xx, "try
 * again later"): a client on a slow link reconnects and gets what it missed in one sync answer;
 * with a 44xx code y-websocket >= 3.1 would stay disconnected for good.
 */
export const Backpressure: CloseEvent = { code: 4508, reason: 'send buffer full (client too slow)' }
/**
 * The update would take the room past --max-room-bytes: nothing of it is stored. Final (44xx):
 * sending it again cannot help until the room is made smaller (mirrors HTTP 413).
 */
export const RoomFull: CloseEvent = { code: 4413, reason: 'room full' }
/**
 * The peer sent more updates than its room could store meanwhile. Transient (45xx): after a
 * reconnect a stock client sends what it has as one sync answer, which a busy room can take.
 */
export const TooManyPending: CloseEvent = { code: 4529, reason: 'too many pending messages' }
/** The peer's updates would cost the room more document work than its budget allows (server/limits). */
export const OverBudget: CloseEvent = { code: 4429, reason: 'too much document work' }
/** A frame exceeded --max-message-bytes (ws closes with this code itself). */
export const MessageTooBig: CloseEvent = { code: 1009, reason: 'message too big' }
/** The server is shutting down; clients should reconnect later. */
export const ServerShutdown: CloseEvent = { code: 1001, reason: 'server shutting down' }
/**
 * An update that decoded but could not be applied left the room's document in an unknown state:
 * the room is reloaded from storage (without that update) and its clients reconnect and resync.
 */
export const RoomReloaded: CloseEvent = { code: 1012, reason: 'room reloaded; reconnect' }
/**
 * The room's stored data failed verification: the room is quarantined (its bytes kept as they
 * are for recovery, nothing served or written). Final (44xx): reconnecting cannot help until an
 * administrator restores the data.
 */
export const RoomDamaged: CloseEvent = { code: 4423, reason: 'room data damaged; kept for recovery, ask the server admin' }
/** A handler failed unexpectedly on this connection's message (a bug): only this connection ends. */
export const InternalError: CloseEvent = { code: 1011, reason: 'internal error' }
/** Storage failed while accepting an update; nothing was relayed. */
export const StorageFailure: CloseEvent = { code: 1011, reason: 'storage failure' }

/** A close event with a more specific reason (WebSocket reasons are limited to 123 bytes). */
export function withReason(event: CloseEvent, detail: string): CloseEvent {
  let reason = `${event.reason}: ${detail}`
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return { code: event.code, reason }
}
