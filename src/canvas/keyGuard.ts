import type { EditorStore } from './state/editorStore'

/**
 * Keys typed right after the inline text editor was closed under the user (a collaborator deleted
 * the note or its page, the board turned read-only) were meant for the text, not the canvas: with
 * the textarea gone they would land on the page and act as shortcuts — letters switch tools,
 * Ctrl+A then Backspace deletes every item on the page. So after such a close the canvas ignores
 * keys (and paste/cut) for as long as the typing goes on: the guard ends after a pause of
 * KEY_GUARD_PAUSE_MS without keys, or at the next pointer press (a deliberate new action).
 */
export const KEY_GUARD_PAUSE_MS = 1500

/** Keys before `until` (performance.now() ms) are swallowed. */
export interface KeyGuard {
  until: number
}

export function armedGuard(now: number): KeyGuard {
  return { until: now + KEY_GUARD_PAUSE_MS }
}

export function guardHolds(guard: KeyGuard | null, now: number): boolean {
  return guard !== null && now < guard.until
}

/** A key at `now`: swallowed while the guard holds, and then it extends the guard (typing goes on). */
export function guardKey(guard: KeyGuard | null, now: number): { swallow: boolean; next: KeyGuard | null } {
  return guardHolds(guard, now) ? { swallow: true, next: armedGuard(now) } : { swallow: false, next: null }
}

// one guard per editor (a page may hold more than one board in tests), outside the store: it is
// input plumbing, not editor state anything renders
const guards = new WeakMap<EditorStore, KeyGuard>()

const clock = (): number => performance.now()

/** The inline editor was closed while it had the keyboard focus, not by the user leaving it. */
export function armKeyGuard(store: EditorStore, now = clock()): void {
  guards.set(store, armedGuard(now))
}

/** For a keydown on the canvas: true when it must be ignored (and the guard is extended). */
export function swallowGuardedKey(store: EditorStore, now = clock()): boolean {
  const { swallow, next } = guardKey(guards.get(store) ?? null, now)
  if (next) guards.set(store, next)
  else guards.delete(store)
  return swallow
}

/** For paste/cut events, which follow their own (already counted) keydown. */
export function keyGuardHolds(store: EditorStore, now = clock()): boolean {
  return guardHolds(guards.get(store) ?? null, now)
}

export function endKeyGuard(store: EditorStore): void {
  guards.delete(store)
}
