/**
 * Several boards on one page (embedded <TesseraBoard>s): keys, space-to-pan and clipboard events
 * arrive on the window, so only the board the user last pressed or focused acts on them. A board
 * registers itself while mounted; the first one is active until another is touched. With no board
 * registered (the app's single board page) every board is active.
 */
const boards: object[] = []
let active: object | null = null

/** Registers a mounted board (its editor store is the key); returns the unregister function. */
export function registerBoard(key: object): () => void {
  boards.push(key)
  active ??= key
  return () => {
    const i = boards.indexOf(key)
    if (i >= 0) boards.splice(i, 1)
    if (active === key) active = boards[0] ?? null
  }
}

/** The user pressed or focused inside this board. */
export function activateBoard(key: object): void {
  if (boards.includes(key)) active = key
}

/** Whether window-wide input (keys, clipboard) is this board's. */
export function isActiveBoard(key: object): boolean {
  return active === null || active === key
}
