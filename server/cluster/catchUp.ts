import type { Logger } from '../log'
import type { Room } from '../room'
import type { Storage } from '../storage/Storage'

export interface CatchUpOptions {
  storage: Storage
  log: Logger
  /** the room loaded here under this name, if any */
  room(name: string): Room | undefined
  /** one catch-up read its state */
  counted(): void
}

/**
 * Catching a room up from storage when its stream may have lost messages (CONTRACT §8): reads the
 * room's state and applies what is new here (relayed to this instance's connections). One at a
 * time per room; asked again while running, it runs once more; a failed read is retried after 1 s.
 */
export class RoomCatchUp {
  /** rooms being caught up → whether another catch-up was asked for meanwhile */
  private readonly running = new Map<string, boolean>()

  constructor(private readonly o: CatchUpOptions) {}

  /** whether the room is being caught up now */
  has(name: string): boolean {
    return this.running.has(name)
  }

  run(name: string): void {
    if (this.running.has(name)) return void this.running.set(name, true)
    this.running.set(name, false)
    void this.loop(name)
  }

  private async loop(name: string): Promise<void> {
    const { o } = this
    try {
      do {
        this.running.set(name, false)
        const room = o.room(name)
        if (!room) break
        const state = await o.storage.load(name)
        o.counted()
        if (state && o.room(name) === room) room.applyRemote(state, 'delta')
      } while (this.running.get(name))
    } catch (err) {
      o.log.warn({ err, room: name }, 'cluster catch-up from storage failed; retrying')
      setTimeout(() => this.run(name), 1_000).unref()
    } finally {
      this.running.delete(name)
    }
  }
}
