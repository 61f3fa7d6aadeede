/**
 * First-run tour state: shown once per browser (a localStorage flag), re-openable from anywhere
 * — e.g. the board's help menu — by calling openTutorial(), which any mounted <Tutorial/> hears.
 */
export const TUTORIAL_SEEN_KEY = 'tessera.tutorialSeen.v1'
export const OPEN_TUTORIAL_EVENT = 'tessera:open-tutorial'

export function hasSeenTutorial(): boolean {
  try {
    return globalThis.localStorage?.getItem(TUTORIAL_SEEN_KEY) === '1'
  } catch {
    return true // storage disabled: do not nag on every visit
  }
}

export function markTutorialSeen(): void {
  try {
    globalThis.localStorage?.setItem(TUTORIAL_SEEN_KEY, '1')
  } catch {
    // storage disabled; nothing to remember
  }
}

/** Opens the tour in the current page (needs a mounted <Tutorial/>; the lobby and board header mount one). */
export function openTutorial(): void {
  globalThis.dispatchEvent?.(new Event(OPEN_TUTORIAL_EVENT))
}
