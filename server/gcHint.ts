import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * After rooms unload, their documents are garbage but V8 may keep the heap (and RSS) grown for
 * a long time on an otherwise idle server; so does the garbage of start-up (modules compiled, the
 * young generation grown while loading them). This asks for a full collection, debounced (and a
 * second one `SHRINK_DELAY_MS` later that lets V8 shrink the heap), so memory goes back to the
 * OS once the burst of unloads is over. Never runs more than once per
 * `minIntervalMs`; without an obtainable `gc` it does nothing. While `isBusy()` (e.g. a room is
 * loading or a joiner is being answered) the collection — a pause of tens of milliseconds on a
 * big heap — waits, re-checking every `BUSY_RETRY_MS`, at most `MAX_BUSY_RETRIES` times, and is skipped if the
 * server is still busy then.
 */
export function createGcHint(delayMs = 3_000, minIntervalMs = 15_000, isBusy: () => boolean = () => false): (firstDelayMs?: number) => void {
  let gc: (() => void) | null = null
  try {
    v8.setFlagsFromString('--expose-gc')
    gc = vm.runInNewContext('gc') as () => void
  } catch {
    gc = null
  }
  let timer: NodeJS.Timeout | null = null
  let last = 0
  const arm = (wait: number, retries: number, second: boolean): void => {
    timer = setTimeout(() => {
      if (isBusy()) {
        if (retries < MAX_BUSY_RETRIES) return arm(BUSY_RETRY_MS, retries + 1, second)
        // Still busy after all that: V8 collects on its own; the next unload asks again.
        return void (timer = null)
      }
      last = Date.now()
      gc?.()
      if (second) return void (timer = null)
      // V8 gives the grown young generation (and free old-space pages) back only after a full
      // collection that sees a low allocation rate over its last ~5 s window; the first one still
      // counts the burst of unloads. A second one once that window has passed shrinks the heap.
      arm(SHRINK_DELAY_MS, 0, true)
    }, wait)
    timer.unref()
  }
  return (firstDelayMs = delayMs) => {
    if (!gc || timer) return
    arm(Math.max(firstDelayMs, last + minIntervalMs - Date.now()), 0, false)
  }
}

/** longer than V8's allocation-throughput window (5 s) */
const SHRINK_DELAY_MS = 6_000
const BUSY_RETRY_MS = 500
const MAX_BUSY_RETRIES = 40
