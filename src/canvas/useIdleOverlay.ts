import { useEffect, useState } from 'react'
import { useFirstIdle } from './useFirstIdle'

type OverlayModule = typeof import('./overlay')

let loaded: OverlayModule | null = null
let loading: Promise<OverlayModule> | null = null

function loadOverlay(): Promise<OverlayModule> {
  loading ??= import('./overlay').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null // a failed fetch is retried by the next board that mounts
      throw e
    },
  )
  return loading
}

/**
 * The overlay layer's component (overlay.tsx) once the browser has been idle after mount and its
 * chunk is in, else null: the overlay is a second full-window layer, so it is added after the
 * items are on screen, and its code is fetched then too.
 */
export function useIdleOverlay(): OverlayModule['Overlay'] | null {
  const idle = useFirstIdle()
  const [mod, setMod] = useState<OverlayModule | null>(loaded)
  useEffect(() => {
    if (!idle || mod) return
    let live = true
    loadOverlay().then(
      (m) => live && setMod(m),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [idle, mod])
  return idle && mod ? mod.Overlay : null
}
