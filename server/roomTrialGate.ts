import type { Inbound } from './roomInbox'
import type { Fault, TrialResult } from './limits/trialWorker'

interface Slot {
  entry: Inbound
  /** its size when queued (its bytes may be lent to the worker meanwhile) */
  bytes: number
  /** the verdict is in (always true for an update that needed no trial) */
  done: boolean
  applies: boolean
  /** why it does not apply, when its summary (made off the main thread) refused it */
  fault?: Fault
}

/**
 * A room's updates waiting for the trial of a big update that runs off the main thread
 * (server/limits/trialWorker.ts), in arrival order: that update and every update the room receives
 * after it wait here until the verdicts before them are in, so the room stores, applies and
 * relays them in the order it received them. Other rooms never wait for it. Each update leaves
 * through `pass`, in order, with its verdict (an update that needed no trial passes as applicable)
 * and, when the worker also decoded it, its summary.
 */
export class RoomTrialGate {
  private queue: Slot[] = []
  private queuedBytes = 0
  /** bumped by clear(): verdicts of trials started before it are ignored */
  private generation = 0

  constructor(private readonly pass: (entry: Inbound, applies: boolean, fault?: Fault) => void) {}

  /** whether updates are waiting (the room's next updates must wait behind them) */
  get waiting(): boolean {
    return this.queue.length > 0
  }

  /** bytes of the updates waiting */
  get bytes(): number {
    return this.queuedBytes
  }

  /**
   * Queues `entry` behind those waiting; with `trial` (which starts its trial, and may lend its
   * bytes to the worker until the verdict), it also waits for its own verdict.
   */
  add(entry: Inbound, trial?: () => Promise<TrialResult>): void {
    const slot: Slot = { entry, bytes: entry.update.length, done: trial === undefined, applies: true }
    this.queue.push(slot)
    this.queuedBytes += slot.bytes
    if (!trial) return this.flush()
    const generation = this.generation
    const settle = (r: TrialResult | null) => {
      if (generation !== this.generation) return
      if (r) {
        const summary = r.summary ? { ...r.summary, unapplicable: !r.applies, trialPending: false } : entry.summary
        slot.entry = { ...entry, update: r.update, relay: r.relay, ...(summary ? { summary } : {}) }
        if (r.fault) slot.fault = r.fault
      }
      slot.applies = r?.applies ?? false
      slot.done = true
      this.flush()
    }
    trial().then(settle, () => settle(null))
  }

  /** Forgets everything waiting (the room is deleted or quarantined). */
  clear(): void {
    this.queue = []
    this.queuedBytes = 0
    this.generation++
  }

  private flush(): void {
    while (this.queue.length > 0 && this.queue[0]!.done) {
      const slot = this.queue.shift()!
      this.queuedBytes -= slot.bytes
      this.pass(slot.entry, slot.applies, slot.fault)
    }
  }
}
