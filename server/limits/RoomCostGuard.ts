/**
 * A room's guard over Yjs work (see updateBudget.ts): admits a batch of received updates against
 * the connection and room budgets before anything is stored, times each apply, slows down
 * connections and rooms that went over their time budget, and rate-limits sync requests.
 */
import type { Connection } from '../ws/connection'
import type { UpdateSummary } from './updateSummary'
import { advanceClocks } from './updateSummary'
import { admitUpdate, ConnectionBudget, RoomBudget, type Admission } from './updateBudget'
import { LIMITS } from './limits'
import { cpuMs } from './cpuTime'
import type { DocClocks } from '../roomDoc'

export interface Admissible {
  conn: Connection
  summary?: UpdateSummary
}

export type RefusalReason = Exclude<Admission, { ok: true }>['reason'] | 'too many sync requests'

export class RoomCostGuard {
  private readonly room = new RoomBudget()
  private readonly conns = new WeakMap<Connection, ConnectionBudget>()
  /** connections charged apply time in the current batch */
  private readonly charged = new Set<Connection>()

  constructor(
    /** the clocks of the room's document, live or away (null while dormant: a batch is admitted once it is built) */
    private readonly doc: () => DocClocks | null,
    /** closes a connection that went over a hard limit (4429), with the reason */
    private readonly refuse: (conn: Connection, reason: RefusalReason) => void,
  ) {}

  /**
   * The batch without the updates over budget (their senders are refused, and everything they
   * queued in this batch is dropped). Call with the document built (hydrated), before storing.
   */
  admit<T extends Admissible>(batch: T[]): T[] {
    const advanced = new Map<number, number>()
    const doc = this.doc()
    const clockOf = (client: number) => advanced.get(client) ?? (doc ? doc.clock(client) : 0)
    const refused = new Set<Connection>()
    const out: T[] = []
    for (const entry of batch) {
      if (refused.has(entry.conn) || entry.conn.closedByServer) continue
      if (!entry.summary) {
        out.push(entry)
        continue
      }
      const verdict = admitUpdate(entry.summary, clockOf, this.budgetOf(entry.conn), this.room)
      if (!verdict.ok) {
        refused.add(entry.conn)
        this.refuse(entry.conn, verdict.reason)
        continue
      }
      advanceClocks(entry.summary, clockOf, advanced)
      out.push(entry)
    }
    return refused.size === 0 ? out : out.filter((e) => !refused.has(e.conn))
  }

  /** Runs one apply (or a door read) and charges its CPU time to the connection and the room (cpuTime.ts). */
  timed<T>(conn: Connection, apply: () => T): T {
    const start = cpuMs()
    try {
      return apply()
    } finally {
      const ms = cpuMs() - start
      this.budgetOf(conn).applyMs.charge(ms)
      this.room.applyMs.charge(ms)
      this.charged.add(conn)
    }
  }

  /** Charges work done for `conn` elsewhere (a trial on the worker thread) to its own budget only: other rooms did not wait for it. */
  charge(conn: Connection, ms: number): void {
    if (ms > 0) this.budgetOf(conn).applyMs.charge(ms)
  }

  /** After a batch: connections over their time budget are read more slowly; Yjs's pending count is re-read. */
  afterBatch(): void {
    for (const conn of this.charged) {
      const wait = this.budgetOf(conn).applyMs.waitMs()
      if (wait > 0) conn.pauseReading(Math.min(wait, LIMITS.connection.maxPauseMs))
    }
    this.charged.clear()
    const doc = this.doc()
    if (!doc || !doc.pending) this.room.pending = 0
  }

  /** How long the room's next batch should wait so other rooms get the CPU (0: at once). */
  drainDelayMs(): number {
    return this.room.applyMs.waitMs()
  }

  /** False when the connection asks for full syncs faster than its budget (each answer can be the whole board). */
  allowSyncStep1(conn: Connection): boolean {
    return this.budgetOf(conn).syncStep1.tryTake()
  }

  private budgetOf(conn: Connection): ConnectionBudget {
    let b = this.conns.get(conn)
    if (!b) this.conns.set(conn, (b = new ConnectionBudget()))
    return b
  }
}
