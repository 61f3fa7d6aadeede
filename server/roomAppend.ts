import type { RoomStore } from './roomStore'
import type { Inbound } from './roomInbox'
import { ownsMemory } from './limits/trialWorker'

/**
 * updates from this size on are written to storage off the main thread when the store can
 * (RoomStore.appendStaged): appending 512 KiB on the main SQLite connection costs about 5–8 ms of
 * the event loop, a 4 MB paste 10–100 ms, and every room's relays wait for it
 */
export const STAGED_APPEND_BYTES = 512 * 1024

/**
 * Appends a room's batch in order when some of its updates are big: the small updates between the
 * big ones in one synchronous transaction each run, each big one written off the main thread and
 * committed (RoomStore.appendStaged) before anything after it is appended, so the log keeps the
 * order the room applies and relays them in. A big update's frame is lent to the storage thread
 * when nothing else shares its memory (a big message owns it alone), and its entry points at the
 * bytes it got back. Call it from the room's serial queue. `done`: how many entries (from the
 * first) are durable; `failed`: why the next one could not be stored.
 */
export async function appendInOrder(store: RoomStore, batch: readonly Inbound[]): Promise<{ done: number; failed?: { err: unknown } }> {
  let done = 0
  try {
    while (done < batch.length) {
      const entry = batch[done]!
      if (store.stagesAppend(entry.update)) {
        const lend = entry.relay.buffer === entry.update.buffer && ownsMemory(entry.relay)
        const bytes = await store.appendStaged(entry.update, lend)
        if (lend) {
          entry.update = bytes
          entry.relay = new Uint8Array(bytes.buffer)
        }
        done++
        continue
      }
      let end = done + 1
      while (end < batch.length && !store.stagesAppend(batch[end]!.update)) end++
      store.appendSync(batch.slice(done, end).map((e) => e.update))
      done = end
    }
    return { done }
  } catch (err) {
    return { done, failed: { err } }
  }
}
