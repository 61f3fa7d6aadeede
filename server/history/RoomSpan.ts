import type * as Y from 'yjs'
import type { Connection } from '../ws/connection'
import type { NewVersion } from '../storage/Storage'
import { countChanges, fingerprintItems, type Fingerprints } from './attribution'

/**
 * One loaded room's current span: the edits since its last version — whether there were any,
 * when the first came, who made them — and the items as they were at that version (for
 * attribution). `version` closes the span and starts the next.
 */
export class RoomSpan {
  dirty = false
  /** clock time of the span's first edit */
  startedAt = 0
  private readonly editors = new Set<string>()
  private baseline: Fingerprints | null = null

  constructor(private readonly now: () => number) {}

  /** The items as they are when the room's document is first built (the last version's state). */
  setBaseline(doc: Y.Doc): void {
    this.baseline = fingerprintItems(doc)
  }

  /** An edit by `who` (awareness names, else the connection's role). */
  edited(who: readonly string[]): void {
    if (!this.dirty) {
      this.dirty = true
      this.startedAt = this.now()
    }
    for (const name of who) this.editors.add(name)
  }

  /** True once the span has lasted `intervalMs` of editing. */
  isDue(intervalMs: number): boolean {
    return this.dirty && this.now() - this.startedAt >= intervalMs
  }

  /** The version that closes this span (and resets it); `fallbackBy` names the author when nobody edited. */
  version(doc: Y.Doc, label: string | null, fallbackBy: readonly string[] = []): NewVersion {
    const after = fingerprintItems(doc)
    const by = this.editors.size > 0 ? [...this.editors] : [...fallbackBy]
    const changes = countChanges(this.baseline ?? new Map(), after, doc, by)
    this.baseline = after
    this.editors.clear()
    this.dirty = false
    return { at: this.now(), label, by, items: doc.getMap('items').size, changes }
  }
}

/** The names under which a connection edits: its awareness users' names, else its role. */
export function editorNames(conn: Connection, states: Map<number, Record<string, unknown>>): string[] {
  const names: string[] = []
  for (const id of conn.awarenessIds) {
    const user = states.get(id)?.user
    const name = typeof user === 'object' && user !== null ? (user as { name?: unknown }).name : undefined
    if (typeof name === 'string' && name.trim() !== '') names.push(name.trim().slice(0, 100))
  }
  return names.length > 0 ? names : [conn.role]
}
