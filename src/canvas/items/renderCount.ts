/**
 * Counts ItemNode renders per item id, only when a test or benchmark asked for it by setting
 * `window.__tesseraRenderCounts = {}` before the app loads. It checks that a remote change
 * re-renders only the items it touched; otherwise it costs one property read per render.
 */
declare global {
  interface Window {
    __tesseraRenderCounts?: Record<string, number>
  }
}

export function noteItemRender(id: string): void {
  const counts = typeof window === 'undefined' ? undefined : window.__tesseraRenderCounts
  if (counts) counts[id] = (counts[id] ?? 0) + 1
}
