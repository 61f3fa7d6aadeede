import v8 from 'node:v8'
import { PerformanceObserver } from 'node:perf_hooks'

/**
 * Keeps V8's young generation at the size it has once the server is up, instead of letting it
 * grow to its maximum (16 MiB per semi-space here) under load.
 *
 * Every room's documents live in the one heap of the event loop's isolate, and a busy room's
 * document grows by thousands of Yjs items a second, all of which survive: a scavenge (the young
 * generation's collection, which stops the event loop) copies every live young object, so its
 * pause grows with the young generation's size. With 16 MiB semi-spaces, a room receiving 5,000
 * new items/s made scavenges of 15–24 ms every ~100 ms on a quiet machine: the largest stall
 * every other room's relays waited behind (tenth session, docs/benchmarks.md). Kept at start-up
 * size (1–8 MiB: V8 shrinks it after the start-up collections of gcHint.ts, never below 1 MiB),
 * scavenges come more often and each copies less: about the same total time, in pauses of a few
 * milliseconds.
 *
 * How: V8 reads `--semi-space-growth-factor` each time it grows the young generation, and 1 means
 * "never grow". It raises a value below 2 to 2 whenever it sets up a heap, the heap of every new
 * worker thread included (V8's flags are per process), so the flag is set again after every
 * garbage collection of this thread, and when a worker thread is created and once it is running
 * (its heap is set up in between). GC entries reach the observer only between event-loop tasks,
 * so a worker started during a long task can still let the young generation grow once or twice
 * before the flag is back (seen once at 16 MiB under a loaded test run; 32 without this). A V8
 * that ignores the flag keeps its default behaviour. The process belongs to `tessera serve`, not
 * to an embedding host: the serve command calls this.
 */
export function keepYoungGenerationSmall(): void {
  if (kept) return
  const hold = () => {
    try {
      v8.setFlagsFromString('--semi-space-growth-factor=1')
    } catch {
      // a runtime without V8's flags: nothing to keep
    }
  }
  hold()
  kept = new PerformanceObserver(hold)
  kept.observe({ entryTypes: ['gc'] })
  process.on('worker', (worker) => {
    hold()
    worker.once('online', hold)
  })
}

let kept: PerformanceObserver | null = null
