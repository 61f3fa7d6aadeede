import { diffText, type Splice } from './textDiff'

/**
 * An IME composition must not be disturbed, so while it runs the textarea ignores changes to the
 * shared Y.Text. When it ends, the textarea holds `base` (the text at compositionstart) plus the
 * local edit, while the Y.Text holds `base` plus whatever arrived meanwhile. Diffing those two
 * directly would "undo" the remote edits; instead the local edit is computed against `base` and
 * moved through the changes the Y.Text went through since (operational-transform style).
 */

/**
 * One change of a Y.Text as Yjs reports it (Y.YTextEvent.delta): runs of retained, inserted and
 * deleted characters, in order, over the text as it was before that change.
 */
export type TextDelta = ReadonlyArray<{ readonly retain?: number; readonly insert?: unknown; readonly delete?: number }>

/**
 * Which side of text inserted exactly at a position the position ends up on. 'right' matches a
 * Y.RelativePosition made with createRelativePositionFromTypeIndex (the caret the editor keeps
 * follows text inserted right at it), so a composed word lands after a remote word typed at the
 * very same spot, just as a plain caret would.
 */
export type Bias = 'left' | 'right'

/** Where position `index` of the text before `delta` is in the text after it. */
export function mapIndex(index: number, delta: TextDelta, bias: Bias): number {
  let i = index
  let from = 0 // a position in the text before the change…
  let to = 0 // …and the same position after it
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (i < from + op.retain) return to + (i - from)
      from += op.retain
      to += op.retain
    } else if (op.delete !== undefined) {
      // a deleted position collapses onto the end of its run, which is where the run's start lands too
      if (i < from + op.delete) i = from + op.delete
      from += op.delete
    } else if (op.insert !== undefined) {
      if (i > from || bias === 'right') to += insertLength(op.insert)
    }
  }
  return to + (i - from) // past the last op: the rest of the text is implicitly retained
}

/** Maps a position through several changes, applied one after the other. */
export function mapThrough(index: number, deltas: readonly TextDelta[], bias: Bias): number {
  return deltas.reduce((i, d) => mapIndex(i, d, bias), index)
}

type Run = readonly [start: number, end: number]

/**
 * The characters of [start, end) that `delta` did not delete, as runs in the text after it.
 * Text the delta inserted inside the range splits it: those characters are not ours to delete.
 */
export function survivingRuns(start: number, end: number, delta: TextDelta): Run[] {
  const out: Run[] = []
  const keep = (runFrom: number, runLength: number, runTo: number) => {
    const s = Math.max(start, runFrom)
    const e = Math.min(end, runFrom + runLength)
    if (s >= e) return
    const run: Run = [runTo + (s - runFrom), runTo + (e - runFrom)]
    const last = out[out.length - 1]
    // runs only separated by a remote deletion touch again: one run is one splice
    if (last && last[1] === run[0]) out[out.length - 1] = [last[0], run[1]]
    else out.push(run)
  }
  let from = 0
  let to = 0
  for (const op of delta) {
    if (op.retain !== undefined) {
      keep(from, op.retain, to)
      from += op.retain
      to += op.retain
    } else if (op.delete !== undefined) {
      from += op.delete
    } else if (op.insert !== undefined) {
      to += insertLength(op.insert)
    }
  }
  keep(from, Infinity, to)
  return out
}

/**
 * `splice`, made against the text before `deltas`, as splices on the text after them: its
 * insertion goes where its index moved to, and it deletes only those of its characters that are
 * still there (never characters that arrived in between). The result is listed back to front, so
 * applying the splices in order keeps each index valid.
 */
export function rebaseSplice(splice: Splice, deltas: readonly TextDelta[]): Splice[] {
  let at = splice.index
  let runs: Run[] = splice.deleteCount > 0 ? [[splice.index, splice.index + splice.deleteCount]] : []
  for (const d of deltas) {
    at = mapIndex(at, d, 'right')
    runs = runs.flatMap(([s, e]) => survivingRuns(s, e, d))
  }
  // `at` never lies after a surviving run: those characters were at or after splice.index
  const out: Splice[] = runs
    .slice()
    .reverse()
    .map(([s, e]) => ({ index: s, deleteCount: e - s, insert: '' }))
  const first = out[out.length - 1]
  if (first && first.index === at) out[out.length - 1] = { ...first, insert: splice.insert }
  else if (splice.insert) out.push({ index: at, deleteCount: 0, insert: splice.insert })
  return out
}

export interface MergedComposition {
  /** to apply to the Y.Text, in order */
  splices: Splice[]
  /** the textarea selection, moved into the merged text */
  selection: [start: number, end: number]
}

/**
 * The end of a composition: `base` was the textarea (and Y.Text) text at compositionstart,
 * `local` is the textarea text now, with `selection` in it, and `remote` are the Y.Text's changes
 * since (in order). Gives the splices that add the local edit to the Y.Text without losing any of
 * `remote`, and where the selection goes in the result.
 */
export function mergeComposition(
  base: string,
  local: string,
  remote: readonly TextDelta[],
  selection: readonly [start: number, end: number],
): MergedComposition {
  const edit = diffText(base, local)
  const splices = edit ? rebaseSplice(edit, remote) : []
  const place = (i: number) => placeLocalIndex(i, edit, splices, remote)
  return { splices, selection: [place(selection[0]), place(selection[1])] }
}

/** A position in the local text → the same place in the merged text. */
function placeLocalIndex(i: number, edit: Splice | null, splices: readonly Splice[], remote: readonly TextDelta[]): number {
  if (!edit || i < edit.index) return mapThrough(i, remote, 'right')
  // inside or right after the text the composition typed: it sits where its insertion went
  // (the same mapping rebaseSplice gives it; the local deletions all come after it)
  if (i <= edit.index + edit.insert.length) return mapThrough(edit.index, remote, 'right') + (i - edit.index)
  // after the edit: back to the base text, through the remote changes, then past the local edit
  const removed = splices.reduce((n, s) => n + s.deleteCount, 0)
  return mapThrough(i - edit.insert.length + edit.deleteCount, remote, 'right') - removed + edit.insert.length
}

function insertLength(insert: unknown): number {
  // Y.Text reports inserted text as a string; an embed (whatever its value) is one position long
  return typeof insert === 'string' ? insert.length : 1
}
