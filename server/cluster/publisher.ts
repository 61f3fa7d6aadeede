import type { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { ClusterMetrics } from './clusterMetrics'
import type { StreamSequences } from './sequences'
import { messageFields, type ClusterKeys } from './streams'

/** publishes waiting for Redis beyond this are dropped (readers see the gap and catch up from storage) */
const MAX_IN_FLIGHT = 20_000
/** an idle room's stream expires after this long */
const STREAM_TTL_MS = 24 * 60 * 60 * 1000

export interface PublisherOptions {
  writer: Redis
  keys: ClusterKeys
  seqs: StreamSequences
  metrics: ClusterMetrics
  log: Logger
  instanceId: string
  /** each room stream is trimmed to about this many entries */
  streamMaxLen: number
}

/**
 * This instance's side of the streams (CONTRACT §8): every message gets the next sequence number
 * of its stream — even one dropped because too many publishes wait for Redis, so that readers see
 * the gap — and is XADDed to the room's stream ('' = the control stream), trimmed and expiring.
 */
export class StreamPublisher {
  private inFlight = 0
  private closed = false

  constructor(private readonly opts: PublisherOptions) {}

  publish(stream: string, kind: string, data: Uint8Array | string): void {
    if (this.closed) return
    const { writer, keys, seqs, metrics, log, instanceId, streamMaxLen } = this.opts
    const seq = seqs.next(stream)
    if (this.inFlight >= MAX_IN_FLIGHT) return void metrics.publishDropped.inc()
    const key = stream === '' ? keys.control : keys.room(stream)
    this.inFlight++
    metrics.messagesOut.inc({ kind })
    writer
      .xadd(key, 'MAXLEN', '~', String(streamMaxLen), '*', ...messageFields(instanceId, kind, seq, data))
      .catch((err: unknown) => log.warn({ err, stream: key }, 'cluster publish failed'))
      .finally(() => this.inFlight--)
    if (seq % 100 === 1) writer.pexpire(key, STREAM_TTL_MS).catch(() => {})
  }

  /** Nothing is published after this. */
  close(): void {
    this.closed = true
  }
}
