import type { Redis } from 'ioredis'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Room } from '../room'
import type { Rooms } from '../rooms'
import type { Storage } from '../storage/Storage'
import { createClusterMetrics, type ClusterMetrics } from './clusterMetrics'
import { RemotePresence } from './remotePresence'
import { InstanceLiveness } from './liveness'
import { RoomCatchUp } from './catchUp'
import { RoomHolds } from './roomHolds'
import { withTimeout } from './withTimeout'
import { StreamSequences } from './sequences'
import { ClusterKeys, isRoomKind, parseEntry, parseXread, type StreamMessage } from './streams'
import { StreamPublisher } from './publisher'
import { StreamCursors } from './cursors'
import { openRedisPair } from './redisPair'

/** What the cluster asks of the rest of the server when another instance changed a room. */
export interface ClusterRoomEvents {
  /** the room's record (title, access) changed on another instance: re-read it, re-check connections */
  roomChanged(room: string): void | Promise<void>
  /** the room was deleted on another instance: end its sessions here */
  roomDeleted(room: string): void | Promise<void>
}

export interface ClusterOptions {
  redisUrl: string
  /** this instance's name, unique in the cluster (healthz, logs, stream messages) */
  instanceId: string
  /** the shared storage (PostgreSQL): catch-ups read a room's state from it */
  storage: Storage
  log: Logger
  metrics: Metrics
  /** prefix of every Redis key (several clusters may share one Redis); default `tessera:` */
  keyPrefix?: string
  /** each room stream is trimmed to about this many entries (default 10,000) */
  streamMaxLen?: number
  /** an instance renews its liveness key this often (default 1 s)… */
  heartbeatMs?: number
  /** …which expires after this long (default 3 s): two missed checks after that, it counts as dead */
  instanceTtlMs?: number
}

/** how long one XREAD blocks (new rooms join the read within this) */
const BLOCK_MS = 200

const InstanceGone = 'tessera.instance-gone'

/**
 * One instance's membership of the cluster (CONTRACT §8): Redis Streams carry each room's stored
 * updates and awareness between instances in order, PostgreSQL holds the truth.
 *
 * - Publish: after an update is committed and applied here (Room's onStored), XADD to the room's
 *   stream; awareness changes of local connections likewise.
 * - Read: one blocking XREAD over the control stream and the streams of the rooms loaded here,
 *   each from its own cursor. A room's cursor is taken before its state is read from storage, so
 *   everything stored before the cursor is in that state and everything after is read.
 * - Gaps: each message carries its sender's sequence number for the stream; a jump (trimmed
 *   stream, Redis restarted, dropped publish) makes the reader catch up from storage, as does
 *   Redis coming back and an instance dying (it may have committed an update it never published).
 * - Liveness: each instance renews `instance:<id>` every second; one that disappears has its
 *   clients' awareness states removed everywhere.
 */
export class Cluster {
  readonly instanceId: string
  private readonly writer: Redis
  private readonly reader: Redis
  private readonly keys: ClusterKeys
  private readonly metrics: ClusterMetrics
  private rooms: Rooms | null = null
  private events: ClusterRoomEvents | null = null
  private readonly cursors: StreamCursors
  private readonly seqs = new StreamSequences()
  private readonly remote = new RemotePresence()
  private readonly catchUps: RoomCatchUp
  private readonly holds = new RoomHolds()
  private readonly liveness: InstanceLiveness
  private closed = false
  private redisLost = false
  private readonly publisher: StreamPublisher
  private loop: Promise<void> | null = null

  constructor(private readonly opts: ClusterOptions) {
    this.instanceId = opts.instanceId
    this.keys = new ClusterKeys(opts.keyPrefix ?? 'tessera:')
    this.metrics = createClusterMetrics(opts.metrics.registry)
    this.cursors = new StreamCursors(this.keys)
    const redis = openRedisPair(opts.redisUrl, opts.instanceId, opts.log)
    this.writer = redis.writer
    this.reader = redis.reader
    this.publisher = new StreamPublisher({
      writer: this.writer,
      keys: this.keys,
      seqs: this.seqs,
      metrics: this.metrics,
      log: opts.log,
      instanceId: opts.instanceId,
      streamMaxLen: opts.streamMaxLen ?? 10_000,
    })
    this.writer.on('close', () => {
      if (!this.closed && !this.redisLost) opts.log.warn('redis connection lost; the instance keeps its clients and catches up when it returns')
      this.redisLost = true
    })
    this.writer.on('ready', () => this.onRedisReady())
    this.liveness = new InstanceLiveness({
      writer: this.writer,
      keys: this.keys,
      instanceId: opts.instanceId,
      ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
      ...(opts.instanceTtlMs !== undefined ? { instanceTtlMs: opts.instanceTtlMs } : {}),
      onGone: (instance) => this.instanceGone(instance),
    })
    this.catchUps = new RoomCatchUp({
      storage: opts.storage,
      log: opts.log,
      room: (name) => this.rooms?.get(name),
      counted: () => this.metrics.catchUps.inc(),
    })
  }

  /** True while both Redis connections are up. */
  redisUp(): boolean {
    return this.writer.status === 'ready' && this.reader.status === 'ready'
  }

  /** Starts reading and the liveness heartbeat for these rooms; `events` handles other instances' room events. */
  attach(rooms: Rooms, events: ClusterRoomEvents): void {
    this.rooms = rooms
    this.events = events
    this.liveness.start()
    this.loop = this.start()
  }

  /** Rooms' hook: mark where the room's stream stands before its state is read (see the class comment). */
  readonly beforeLoad = async (name: string): Promise<void> => {
    this.seqs.forgetStream(name)
    this.cursors.take(name, (await this.lastId(this.keys.room(name))) ?? '0-0')
    // the instances that have the room ask for it publish their connections' awareness
    this.publish(name, 'query', '')
  }

  /** Room's hook: updates stored and applied here go to the other instances. */
  readonly onStored = (room: Room, updates: Uint8Array[]): void => {
    for (const u of updates) this.publish(room.name, 'update', u)
  }

  /** Room's hook: awareness changes of this instance's connections go to the other instances. */
  readonly onPresence = (room: Room, update: Uint8Array): void => {
    this.publish(room.name, 'awareness', update)
  }

  announceRoomChanged(room: string): void {
    this.publish('', 'room-changed', room)
  }

  announceRoomDeleted(room: string): void {
    this.publish('', 'room-deleted', room)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.publisher.close()
    this.liveness.stop()
    this.reader.disconnect()
    await this.loop?.catch(() => {})
    if (this.writer.status === 'ready') {
      await withTimeout(this.writer.del(this.keys.instance(this.instanceId)), 1_000).catch(() => {})
      await withTimeout(this.writer.quit(), 1_000).catch(() => {})
    }
    this.writer.disconnect()
  }

  private async start(): Promise<void> {
    this.cursors.startControl((await this.lastId(this.keys.control)) ?? '0-0')
    await this.liveness.beat()
    await this.readLoop()
  }

  /** The id of the stream's newest entry ('0-0' for none), or null when Redis cannot say now. */
  private async lastId(key: string): Promise<string | null> {
    if (this.writer.status !== 'ready') return null
    try {
      const r = await withTimeout(this.writer.xrevrange(key, '+', '-', 'COUNT', 1), 1_000)
      return r[0]?.[0] ?? '0-0'
    } catch {
      return null
    }
  }

  private publish(stream: string, kind: string, data: Uint8Array | string): void {
    this.publisher.publish(stream, kind, data)
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const { keys, ids } = this.cursors.streams((this.rooms?.all() ?? []).map((r) => r.name))
      let reply: unknown
      try {
        reply = await this.reader.callBuffer('XREAD', ['COUNT', '1000', 'BLOCK', String(BLOCK_MS), 'STREAMS', ...keys, ...ids])
      } catch {
        if (this.closed) return
        await new Promise((r) => setTimeout(r, BLOCK_MS))
        continue
      }
      for (const { key, entries } of parseXread(reply)) {
        const room = key === this.keys.control ? '' : this.keys.roomName(key)
        if (room === null) continue
        for (const { id, fields } of entries) {
          this.cursors.advance(room, id)
          const msg = parseEntry(id, fields)
          if (msg && msg.instance !== this.instanceId) this.handle(room, msg)
        }
      }
      this.forgetUnloaded()
    }
  }

  private handle(stream: string, msg: StreamMessage<string>): void {
    this.metrics.messagesIn.inc({ kind: msg.kind })
    this.liveness.heard(msg.instance)
    const gap = this.seqs.read(stream, msg)
    if (stream === '') {
      if (gap) this.resyncAll()
      const room = msg.data.toString()
      // The room's messages read after this wait until its connections are re-checked (roomHolds.ts).
      if (msg.kind === 'room-changed') this.holds.hold(room, this.run(() => this.events?.roomChanged(room)))
      else if (msg.kind === 'room-deleted') void this.run(() => this.events?.roomDeleted(room))
      return
    }
    if (!isRoomKind(msg.kind)) return
    this.holds.run(stream, () => this.deliver(stream, msg, gap))
  }

  /** A room stream message, applied to the room if it is loaded here. */
  private deliver(stream: string, msg: StreamMessage<string>, gap: boolean): void {
    const room = this.rooms?.get(stream)
    if (!room) return
    if (gap) this.catchUps.run(stream)
    switch (msg.kind) {
      case 'update':
        return room.applyRemote(new Uint8Array(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength), 'as-is')
      case 'awareness': {
        const update = new Uint8Array(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength)
        this.remote.record(msg.instance, stream, update)
        return room.applyRemoteAwareness(update, this.remote.originOf(msg.instance))
      }
      case 'query': {
        const mine = room.localPresence()
        if (mine) this.publish(stream, 'awareness', mine)
        return
      }
    }
  }

  /** Room events may have been missed: every loaded room is re-checked and caught up. */
  private resyncAll(): void {
    for (const room of this.rooms?.all() ?? []) {
      this.catchUps.run(room.name)
      void this.run(() => this.events?.roomChanged(room.name))
    }
  }

  private onRedisReady(): void {
    if (!this.redisLost || this.closed) return
    this.redisLost = false
    this.opts.log.info('redis connection back; catching up every loaded room from storage')
    this.liveness.redisBack()
    this.resyncAll()
  }

  /** A peer stopped renewing its liveness: its clients' presence goes, and what it stored is caught up. */
  private instanceGone(instance: string): void {
    this.metrics.instancesLost.inc()
    this.opts.log.warn({ instance }, 'cluster instance gone; removing its clients\' presence')
    for (const [name, ids] of this.remote.take(instance)) {
      const room = this.rooms?.get(name)
      if (room && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], InstanceGone)
    }
    this.seqs.forgetInstance(instance)
    for (const room of this.rooms?.all() ?? []) this.catchUps.run(room.name)
  }

  /** Drops read state of rooms no longer loaded here (their cursor is taken afresh on the next load). */
  private forgetUnloaded(): void {
    const rooms = this.rooms
    if (!rooms) return
    for (const name of this.cursors.forgetUnloaded(rooms.size, (n) => !rooms.get(n) && !this.catchUps.has(n))) {
      this.seqs.forgetStream(name)
      this.remote.forgetRoom(name)
    }
  }

  private async run(fn: () => void | Promise<void> | undefined): Promise<void> {
    try {
      await fn()
    } catch (err) {
      this.opts.log.error({ err }, 'cluster room event failed')
    }
  }
}
