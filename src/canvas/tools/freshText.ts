import type * as Y from 'yjs'

/**
 * Text boxes the text tool has just created, with the depth of the undo stack before each was
 * made. A text box dismissed empty is taken away by undoing back to that depth (and dropping those
 * steps from redo), not by a delete of its own: otherwise the undo stack would keep a "create an
 * empty box" step, and the next Ctrl+Z would bring back an invisible, empty text item.
 */
const fresh = new Map<string, number>()

/** Call right after the text tool created `id`; `depth` is the undo stack's length before it. */
export function markFreshText(id: string, depth: number): void {
  fresh.set(id, depth)
}

/** Forgets `id` (its editor closed with text in it). */
export function forgetFreshText(id: string): void {
  fresh.delete(id)
}

/**
 * Undoes the steps since `id` was created (its creation and any typing in it, all this user's),
 * leaving redo as it was. Returns whether `id` is gone afterwards; false (nothing undone) when it
 * was not created by the text tool in this session or its creation is no longer on the stack.
 */
export function discardFreshText(undo: Y.UndoManager, id: string, exists: (id: string) => boolean): boolean {
  const depth = fresh.get(id)
  fresh.delete(id)
  if (depth === undefined || undo.undoStack.length <= depth) return false
  const redo = undo.redoStack.length
  while (undo.undoStack.length > depth) undo.undo()
  undo.redoStack.splice(redo)
  return !exists(id)
}
