/**
 * A room's compactions and versions written through a store that stages them (SQLite, see
 * server/storage/stagedCompaction.ts): the store's worker builds the snapshot and writes the big
 * rows beside the log in short transactions, the commit is one small transaction, and what the
 * commit replaced is deleted afterwards, off the main thread too. Writing them on the main thread
 * held every room: a 24 MB room's unload version stalled the server for over a second.
 */
import type { Logger } from './log'
import type { StagedCompaction, Storage } from './storage/Storage'

export class StagedWrites {
  private finishing: Promise<void> = Promise.resolve()

  constructor(
    private readonly storage: Storage,
    private readonly room: string,
    private readonly log: Logger,
  ) {}

  /** True when the store stages compactions (`version`: and versions). */
  can(version: boolean): boolean {
    const s = this.storage
    return !!(s.stageCompaction && s.commitCompaction && s.finishCompaction && (!version || s.commitVersion))
  }

  /**
   * Stages the room's log as it is stored now and commits it with `commit`. Call it from the room's
   * serial queue when nothing may be appended in between (a version must hold exactly the log it
   * replaces). Null when the store cannot stage, or staging failed (nothing changed: the caller
   * writes the old way); rejects when the commit failed (what was staged is removed). Resolves once
   * the replaced entries are deleted too (off the main thread; the room's queue waits for it, so a
   * room that unloads or a server that stops leaves its log as one snapshot).
   */
  async write<T>(opts: { version?: boolean; bytes?: boolean }, commit: (s: StagedCompaction) => Promise<T>): Promise<{ staged: StagedCompaction; value: T } | null> {
    if (!this.can(opts.version === true)) return null
    let staged: StagedCompaction | null
    try {
      staged = await this.storage.stageCompaction!(this.room, opts)
    } catch (err) {
      this.log.warn({ room: this.room, err }, 'could not stage a compaction off the main thread; writing it on the main thread')
      return null
    }
    if (!staged) return null
    try {
      return { staged, value: await commit(staged) }
    } finally {
      this.finishLater(staged)
      await this.finishing
    }
  }

  /** Deletes (off the main thread, after any earlier clean-up) what a commit replaced, or what was staged and not committed. */
  finishLater(staged: StagedCompaction): void {
    this.finishing = this.finishing.then(() =>
      this.storage.finishCompaction!(staged).catch((err: unknown) => {
        this.log.warn({ room: this.room, err }, 'a compaction left rows to delete; they are removed at the next start')
      }),
    )
  }

  /** Resolves once every clean-up asked for so far has run. */
  idle(): Promise<void> {
    return this.finishing
  }
}
