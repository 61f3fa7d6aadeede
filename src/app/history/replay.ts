// Replaying stored edits: the updates from one version on (possibly through several later
// versions) applied to the earlier version's state with their original timing, sped up. Long pauses are shortened so a replay never stalls.
import * as Y from 'yjs'
import type { ReplaySpan } from './historyApi'

export const REPLAY_SPEEDS = [1, 4, 16] as const
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number]
/** the longest wait between two updates at 1× (ms of real time) */
const MAX_GAP_MS = 2_000

/** Plays `span` into `doc` (which should hold `span.base`); calls onStep after each update. Returns a stop function. */
export function playSpan(doc: Y.Doc, span: ReplaySpan, speed: ReplaySpeed, onStep: (done: number, total: number) => void): () => void {
  let i = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  const step = () => {
    if (stopped) return
    const u = span.updates[i]
    if (!u) return
    try {
      Y.applyUpdate(doc, u.data)
    } catch {
      // a damaged update is skipped; the replay goes on
    }
    i++
    onStep(i, span.updates.length)
    const next = span.updates[i]
    if (next) timer = setTimeout(step, Math.min(MAX_GAP_MS, Math.max(0, next.at - u.at)) / speed)
  }
  timer = setTimeout(step, 0)
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
