import type { ClusterKeys } from './streams'

/** a cursor taken this recently may belong to a room still loading: it is kept */
const KEEP_MS = 60_000

/**
 * Where this instance's reading of each stream stands (CONTRACT §8): the id of the last entry read
 * from the control stream and from each loaded room's stream. A room's cursor is taken before
 * its state is read from storage, so everything stored before it is in that state.
 */
export class StreamCursors {
  /** room → id of the last entry read from its stream, and when the cursor was taken */
  private readonly rooms = new Map<string, { id: string; takenAt: number }>()
  private control = '0-0'

  constructor(private readonly keys: ClusterKeys) {}

  /** The room's reading starts after entry `id` (its newest when the room is loaded). */
  take(room: string, id: string): void {
    this.rooms.set(room, { id, takenAt: Date.now() })
  }

  startControl(id: string): void {
    this.control = id
  }

  /** XREAD's keys and ids: the control stream, then those of `loaded` rooms that have a cursor. */
  streams(loaded: readonly string[]): { keys: string[]; ids: string[] } {
    const names = loaded.filter((n) => this.rooms.has(n))
    return {
      keys: [this.keys.control, ...names.map((n) => this.keys.room(n))],
      ids: [this.control, ...names.map((n) => this.rooms.get(n)!.id)],
    }
  }

  /** Entry `id` of `room`'s stream ('' = control) was read. */
  advance(room: string, id: string): void {
    if (room === '') this.control = id
    else this.rooms.set(room, { id, takenAt: this.rooms.get(room)?.takenAt ?? Date.now() })
  }

  /**
   * Forgets the cursors of rooms that are not loaded here (`stale` says so) and were taken over a
   * minute ago; returns their names, so the caller drops its other read state of them.
   */
  forgetUnloaded(loadedCount: number, stale: (room: string) => boolean): string[] {
    if (this.rooms.size <= loadedCount) return []
    const old = Date.now() - KEEP_MS
    const gone: string[] = []
    for (const [name, cursor] of [...this.rooms]) {
      if (cursor.takenAt < old && stale(name)) {
        this.rooms.delete(name)
        gone.push(name)
      }
    }
    return gone
  }
}
