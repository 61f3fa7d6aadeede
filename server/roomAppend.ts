import type { RoomStore } from './roomStore'

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
 * order the room applies and relays them in. Call it from the room's serial queue. `done`: how
 * many updates (from the first) are durable; `failed`: why the next one could not be stored.
 */
export async function appendInOrder(store: RoomStore, updates: readonly Uint8Array[]): Promise<{ done: number; failed?: { err: unknown } }> {
  let done = 0
  try {
    while (done < updates.length) {
      if (store.stagesAppend(updates[done]!)) {
        await store.appendStaged(updates[done]!)
        done++
        continue
      }
      let end = done + 1
      while (end < updates.length && !store.stagesAppend(updates[end]!)) end++
      store.appendSync(updates.slice(done, end))
      done = end
    }
    return { done }
  } catch (err) {
    return { done, failed: { err } }
  }
}
