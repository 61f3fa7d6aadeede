/**
 * Resolves once a board has shown its first server sync (or failed to within the caller's
 * timeout). Work that can wait — installing the offline app shell — waits for it, so it does not
 * compete with the first load for the CPU.
 */
let resolveReady: () => void = () => {}
export const boardReady: Promise<void> = new Promise((resolve) => {
  resolveReady = resolve
})

export function markBoardReady(): void {
  resolveReady()
}
