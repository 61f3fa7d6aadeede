import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * After rooms unload, their documents are garbage but V8 may keep the heap (and RSS) grown for
 * a long time on an otherwise idle server. This asks for one full collection, debounced, so
 * memory goes back to the OS once the burst of unloads is over. Never runs more than once per
 * `minIntervalMs`; without an obtainable `gc` it does nothing.
 */
export function createGcHint(delayMs = 3_000, minIntervalMs = 15_000): () => void {
  let gc: (() => void) | null = null
  try {
    v8.setFlagsFromString('--expose-gc')
    gc = vm.runInNewContext('gc') as () => void
  } catch {
    gc = null
  }
  let timer: NodeJS.Timeout | null = null
  let last = 0
  return () => {
    if (!gc || timer) return
    const wait = Math.max(delayMs, last + minIntervalMs - Date.now())
    timer = setTimeout(() => {
      timer = null
      last = Date.now()
      gc?.()
    }, wait)
    timer.unref()
  }
}
