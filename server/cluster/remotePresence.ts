import * as decoding from 'lib0/decoding'

/** The origin of awareness changes that came from another instance (never published again). */
export class FromInstance {
  constructor(readonly instance: string) {}
}

/**
 * Which awareness client ids each other instance announced in each room, read from the awareness
 * updates it published: when that instance dies, exactly these states are removed here.
 */
export class RemotePresence {
  /** instance → room → client ids with a state */
  private readonly owners = new Map<string, Map<string, Set<number>>>()
  /** instance → the origin its awareness changes are applied with here */
  private readonly origins = new Map<string, FromInstance>()

  /** The origin of `instance`'s awareness changes (one object per instance). */
  originOf(instance: string): FromInstance {
    let o = this.origins.get(instance)
    if (!o) this.origins.set(instance, (o = new FromInstance(instance)))
    return o
  }

  /** Records the ids an awareness update from `instance` adds (a state) or removes (null). */
  record(instance: string, room: string, update: Uint8Array): void {
    let rooms = this.owners.get(instance)
    if (!rooms) this.owners.set(instance, (rooms = new Map()))
    let ids = rooms.get(room)
    if (!ids) rooms.set(room, (ids = new Set()))
    try {
      const d = decoding.createDecoder(update)
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) {
        const client = decoding.readVarUint(d)
        decoding.readVarUint(d) // clock
        const state = decoding.readVarString(d)
        if (state === 'null') ids.delete(client)
        else ids.add(client)
      }
    } catch {
      // a truncated update records what it could; the instance accepted it from its client
    }
    if (ids.size === 0) rooms.delete(room)
  }

  /** Forgets the instance; returns its ids per room. */
  take(instance: string): Map<string, Set<number>> {
    const rooms = this.owners.get(instance) ?? new Map<string, Set<number>>()
    this.owners.delete(instance)
    this.origins.delete(instance)
    return rooms
  }

  /** Forgets a room (unloaded here). */
  forgetRoom(room: string): void {
    for (const rooms of this.owners.values()) rooms.delete(room)
  }

  instances(): string[] {
    return [...this.owners.keys()]
  }
}
