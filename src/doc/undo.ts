// Undo/redo of this client's own scene changes, safe while others edit the same board.
//
// Y.UndoManager over items + pages tracks only localOrigin, so remote edits are never
// undone, and Yjs already refuses to bring back a map value that another client has
// overwritten since (that field is skipped). Two guards make it safe in company:
//  1. One Ctrl+Z is one step. Stock Y.UndoManager keeps popping steps until one changes
//     something, so when a collaborator had since moved the item you had moved, your undo
//     silently went one step further back — and deleted the item you had created.
//     Here a step whose every change was overwritten is consumed with `skipped` set, and
//     the UI says so.
//  2. Undo (or redo) never deletes an item or page that shows someone else's work (a field
//     whose current value they wrote, text they typed); it stays and is counted in `kept`.
// A gesture (drag, resize, a typing burst) is one step: capture is cut at its start and its
// end, and in between every transaction is merged into the same stack item.
import * as Y from 'yjs'
import { localOrigin } from './origins'
import { itemsMap, pagesMap } from './read'
import { hasOthersWork, recordOf, recordsInserted } from './undoGuard'

export const DEFAULT_CAPTURE_TIMEOUT = 500
const GESTURE_TIMEOUT = Number.MAX_SAFE_INTEGER
const saved = new WeakMap<Y.UndoManager, number>()

/** What the last undo() or redo() did. */
export interface UndoOutcome {
  /** a step was taken off the stack */
  popped: boolean
  /** the step changed nothing: everything in it had been changed by others since */
  skipped: boolean
  /** items or pages left in place because others had worked on them */
  kept: number
}

type StackItem = Y.UndoManager['undoStack'][number]

export class SharedUndoManager extends Y.UndoManager {
  lastOutcome: UndoOutcome = { popped: false, skipped: false, kept: 0 }
  private readonly roots: Y.AbstractType<unknown>[]
  /** per pop: record → may it be deleted */
  private verdicts = new Map<Y.Item, boolean>()
  private kept = new Set<Y.Item>()
  /** per pop: the records the step would delete (only those are protected) */
  private deleting = new Set<Y.Item>()

  constructor(doc: Y.Doc) {
    const roots = [itemsMap(doc), pagesMap(doc)] as Y.AbstractType<unknown>[]
    let self: SharedUndoManager | null = null
    super(roots, {
      trackedOrigins: new Set<unknown>([localOrigin]),
      captureTimeout: DEFAULT_CAPTURE_TIMEOUT,
      deleteFilter: (item) => self?.mayDelete(item) ?? true,
    })
    self = this
    this.roots = roots
  }

  override undo(): StackItem | null {
    return this.popOne(this.undoStack, () => super.undo())
  }

  override redo(): StackItem | null {
    return this.popOne(this.redoStack, () => super.redo())
  }

  /** Lets Y.UndoManager see only the top step, so it cannot fall through to older ones. */
  private popOne(stack: StackItem[], pop: () => StackItem | null): StackItem | null {
    if (stack.length === 0) {
      this.lastOutcome = { popped: false, skipped: false, kept: 0 }
      return null
    }
    const below = stack.splice(0, stack.length - 1)
    this.verdicts = new Map()
    this.kept = new Set()
    this.deleting = recordsInserted(this.doc, stack[stack.length - 1]!.insertions, this.roots)
    let res: StackItem | null = null
    try {
      res = pop()
    } finally {
      stack.unshift(...below)
    }
    this.lastOutcome = { popped: true, skipped: res === null, kept: this.kept.size }
    return res
  }

  private mayDelete(item: Y.Item): boolean {
    const record = recordOf(item, this.roots)
    // a field write being reverted, not the removal of a whole record
    if (record === null || !this.deleting.has(record)) return true
    let ok = this.verdicts.get(record)
    if (ok === undefined) {
      ok = !hasOthersWork(record, this.doc.clientID)
      this.verdicts.set(record, ok)
    }
    if (!ok) this.kept.add(record)
    return ok
  }
}

export function createUndoManager(doc: Y.Doc): SharedUndoManager {
  return new SharedUndoManager(doc)
}

/** A one-line notice for an undo/redo that could not do all it meant to, or null. */
export function undoNotice(o: UndoOutcome, verb: 'Undo' | 'Redo'): string | null {
  if (!o.popped) return null
  if (o.skipped && o.kept === 0) return `${verb} skipped: others have changed that since`
  if (o.kept > 0) return `${verb}: kept ${o.kept} item${o.kept === 1 ? '' : 's'} others have worked on`
  return null
}

export function startGesture(um: Y.UndoManager): void {
  if (!saved.has(um)) saved.set(um, um.captureTimeout)
  um.stopCapturing()
  um.captureTimeout = GESTURE_TIMEOUT
}

export function endGesture(um: Y.UndoManager): void {
  const t = saved.get(um)
  if (t !== undefined) {
    um.captureTimeout = t
    saved.delete(um)
  }
  um.stopCapturing()
}

export function isInGesture(um: Y.UndoManager): boolean {
  return saved.has(um)
}
