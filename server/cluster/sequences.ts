import { isControlKind, type StreamMessage } from './streams'

/**
 * Sequence numbers of the cluster's streams (CONTRACT §8): each instance numbers what it
 * publishes per stream (a room name, or '' for the control stream), and a reader that sees a
 * sender's number jump knows it missed messages (trimmed stream, Redis restarted, a publish
 * dropped) and catches up from storage.
 */
export class StreamSequences {
  /** stream → last sequence number published */
  private readonly out = new Map<string, number>()
  /** stream → instance → last sequence number read */
  private readonly in = new Map<string, Map<string, number>>()

  /** the number of the next message this instance publishes on `stream` */
  next(stream: string): number {
    const seq = (this.out.get(stream) ?? 0) + 1
    this.out.set(stream, seq)
    return seq
  }

  /** Records a message read; true when messages from its sender were missed. */
  read(stream: string, msg: StreamMessage<string>): boolean {
    let last = this.in.get(stream)
    if (!last) this.in.set(stream, (last = new Map()))
    const prev = last.get(msg.instance)
    last.set(msg.instance, msg.seq)
    if (stream === '' && !isControlKind(msg.kind)) return false
    return prev !== undefined && msg.seq !== prev + 1
  }

  /** Forgets what was read on `stream` (its room is loaded afresh, or no longer here). */
  forgetStream(stream: string): void {
    this.in.delete(stream)
  }

  /** Forgets what was read from `instance` (it is gone). */
  forgetInstance(instance: string): void {
    for (const last of this.in.values()) last.delete(instance)
  }
}
