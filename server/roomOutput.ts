import type { Metrics } from './metrics'
import type { Logger } from './log'
import type { Connection } from './ws/connection'
import { SharedFrame } from './ws/sharedFrame'
import { OverBudget, RoomFull, TooManyPending, withReason, type CloseEvent } from './ws/closeCodes'
import type { IgnoredReason } from './ws/protocol'
import type { RefusalReason } from './limits/RoomCostGuard'

/**
 * What a room sends and how it ends connections: relays to every connection (counted once),
 * per-connection presence frames, and the closes after bad input or over a budget, each counted
 * in the metrics and logged with the room's name.
 */
export class RoomOutput {
  constructor(
    private readonly room: string,
    readonly connections: Set<Connection>,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  /** Sends `frame` to every connection but `except`, framed once for all of them (server/ws/sharedFrame.ts). */
  broadcast(frame: Uint8Array, except: Connection | null): void {
    const shared = new SharedFrame(frame)
    let sent = 0
    for (const c of this.connections) if (c !== except && c.sendShared(shared)) sent++
    if (sent === 0) return
    this.metrics.messagesOut.inc(sent)
    this.metrics.bytesOut.inc(sent * frame.length)
  }

  /** Sends each connection its own frame (presence: one per connection per turn), counted once. */
  deliver(frameFor: (conn: Connection) => Uint8Array | null): void {
    let sent = 0
    let bytes = 0
    for (const c of this.connections) {
      const frame = frameFor(c)
      if (frame && c.send(frame, false)) (sent++, (bytes += frame.length))
    }
    this.metrics.messagesOut.inc(sent)
    this.metrics.bytesOut.inc(bytes)
  }

  /** Closes every connection (optionally only those matching `filter`) with the given code and reason. */
  closeAll(event: CloseEvent, filter: (conn: Connection) => boolean = () => true): number {
    let n = 0
    for (const c of [...this.connections]) if (filter(c)) (c.close(event), n++)
    return n
  }

  /** Skips a frame the server does not handle: counted (`reason` is one of a fixed set) and logged at debug level. */
  ignore(conn: Connection, reason: IgnoredReason, detail: string): void {
    this.metrics.ignored.inc({ reason })
    this.log.debug({ room: this.room, conn: conn.id, reason: detail }, 'ignored a frame')
  }

  /** Closes after bad input; `reason` is one of a fixed set (it labels a metric), `detail` goes to the log. */
  reject(conn: Connection, event: CloseEvent, reason: string, detail: string = reason): void {
    this.metrics.rejected.inc({ reason })
    this.log.warn({ room: this.room, conn: conn.id, code: event.code, reason: detail }, 'closing connection after bad input')
    conn.close(event)
  }

  /** Closes a connection that went over a hard limit of its budget for document work (4429; nothing of it stored). */
  overBudget(conn: Connection, reason: RefusalReason): void {
    this.metrics.rejected.inc({ reason })
    this.log.warn({ room: this.room, conn: conn.id, code: OverBudget.code, reason }, 'closing connection over its budget')
    conn.close(withReason(OverBudget, reason))
  }

  /** Closes a connection whose update would take the room past its size cap (4413; nothing of it stored). */
  roomFull(conn: Connection, limit: number): void {
    const detail = `the room would pass ${limit} bytes`
    this.metrics.rejected.inc({ reason: 'room full' })
    this.log.warn({ room: this.room, conn: conn.id, code: RoomFull.code, reason: detail }, 'closing connection: its update would make the room too big')
    conn.close(withReason(RoomFull, detail))
  }

  /** Closes a connection that flooded the room's inbox (its queued, not yet durable updates are dropped). */
  closeFlooder(conn: Connection, dropped: number): void {
    const reason = `too many pending updates in room (${dropped} dropped)`
    this.metrics.rejected.inc({ reason: 'too many pending' })
    this.log.warn({ room: this.room, conn: conn.id, code: TooManyPending.code, reason }, 'closing connection that floods its room')
    conn.close(TooManyPending)
  }
}
