// The words the History panel shows for a version: when, who changed how many items, and how far
// a replay has got.
import type { ReplayMark, Version } from './historyApi'

export function describeWhen(iso: string): string {
  const d = new Date(iso)
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** "Ada changed 3, Bob changed 1" (most first) — else who was there, else "no changes". */
export function describeChanges(v: Pick<Version, 'by' | 'changes'>): string {
  const entries = Object.entries(v.changes ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (entries.length > 0) return entries.map(([who, n]) => `${who} changed ${n} item${n === 1 ? '' : 's'}`).join(', ')
  return v.by.length > 0 ? v.by.join(', ') : 'no changes'
}

/** "Replaying at 4×: 12/40 edits, version 2 of 3" while playing, "Replayed 40 edits across 3 versions" at the end. */
export function replayProgress(speed: number, done: number, total: number, marks: readonly ReplayMark[]): string {
  const spans = marks.length
  if (done >= total) return `Replayed ${total} edits${spans > 1 ? ` across ${spans} versions` : ''}`
  const reached = marks.filter((m) => m.index <= done).length
  const where = spans > 1 ? `, version ${Math.min(spans, reached + 1)} of ${spans}` : ''
  return `Replaying at ${speed}×: ${done}/${total} edits${where}`
}
