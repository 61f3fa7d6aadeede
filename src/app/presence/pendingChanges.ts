import { useSyncExternalStore } from 'react'

// A tiny shared counter of local changes not yet confirmed by the server. The offline
// support writes it (setPendingChanges); the status indicator shows it.
let pending = 0
const listeners = new Set<() => void>()

export function setPendingChanges(n: number): void {
  const v = Math.max(0, Math.floor(n))
  if (v === pending) return
  pending = v
  for (const l of [...listeners]) l()
}

export function getPendingChanges(): number {
  return pending
}

export function usePendingChanges(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => pending,
  )
}
