/**
 * Per-room holds on what the cluster delivers: while a room's record (access, title) is being
 * re-read after another instance changed it, that room's stream messages wait, then run in the
 * order read. So this instance's connections are re-checked (a link editor downgraded to viewer,
 * say) before they see the change in the room's `meta` (CONTRACT §6, §8): a client that sees
 * "view" can no longer write. A hold ends when its promise settles or after `maxMs`, whichever is
 * first (a slow database delays a room's messages, never stops them).
 */
export class RoomHolds {
  private readonly held = new Map<string, { count: number; queue: Array<() => void> }>()

  constructor(private readonly maxMs = 2_000) {}

  /** Holds the room's messages until `until` settles (at most maxMs). */
  hold(room: string, until: Promise<unknown>): void {
    let h = this.held.get(room)
    if (!h) this.held.set(room, (h = { count: 0, queue: [] }))
    h.count++
    let timer: NodeJS.Timeout | undefined
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.maxMs)))
    void Promise.race([until.then(() => {}, () => {}), bound]).then(() => {
      clearTimeout(timer)
      this.release(room)
    })
  }

  /** Runs `deliver` now, or after the room's holds when it is held (in the order asked). */
  run(room: string, deliver: () => void): void {
    const h = this.held.get(room)
    if (h) h.queue.push(deliver)
    else deliver()
  }

  private release(room: string): void {
    const h = this.held.get(room)
    if (!h || --h.count > 0) return
    this.held.delete(room)
    for (const deliver of h.queue) deliver()
  }
}
