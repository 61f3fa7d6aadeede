/**
 * The room-level fields `meta.title` and `meta.access` of a room's document (CONTRACT §3, §6).
 *
 * The rooms table is the authority; the document carries a copy so every open client sees a
 * rename or an access change live. The server writes that copy with its own transaction origin
 * (ServerOrigin): when the room loads (seed) and whenever PATCH /api/rooms changes the record.
 *
 * Clients cannot forge these two keys: any client transaction that touches them is followed by
 * a server transaction that writes the authoritative values back. Rejecting the client's whole
 * update instead is not possible without decoding it (a Yjs update may mix meta with items), and
 * the client UI only ever writes the values the server already accepted, so the correction is a
 * no-op in practice and an override for anyone else.
 */
import type { RoomMeta } from './api/rooms'
import { HydrateOrigin, RemoteOrigin, ServerOrigin, type Room } from './room'

export const META_MAP = 'meta'
const GUARDED_KEYS = ['title', 'access'] as const

/** Writes the keys of `meta` that differ from the document (nothing when all match). */
export function writeRoomMeta(room: Room, meta: RoomMeta): Promise<void> {
  // Read first when the document is live: transact() would write nothing.
  const current = room.isCold() ? null : room.doc.getMap(META_MAP)
  if (current && current.get('title') === meta.title && current.get('access') === meta.access) return Promise.resolve()
  return room.transact((doc) => {
    const m = doc.getMap(META_MAP)
    if (m.get('title') !== meta.title) m.set('title', meta.title)
    if (m.get('access') !== meta.access) m.set('access', meta.access)
  })
}

/**
 * Seeds the metadata once the room's document is built and rewrites it after every client
 * transaction that changed a guarded key. `current` returns the authoritative values (null for a
 * room without a record, e.g. an ad-hoc room of an --open server: nothing is enforced there);
 * `isLive` tells whether the room is still the loaded one (not deleted or unloaded meanwhile).
 */
export function guardRoomMeta(room: Room, current: () => Promise<RoomMeta | null>, isLive: () => boolean, onError: (err: unknown) => void = () => {}): void {
  /** Reads the record (asynchronous: it may live in PostgreSQL) and writes it if the room is still live. */
  const rewrite = () => {
    if (!isLive()) return
    current().then((meta) => {
      if (meta && isLive()) void writeRoomMeta(room, meta)
    }, onError)
  }
  // Seeded when the document is first built. A room with a record has it built a second after
  // its first join (the stored copy may predate a change made while the room was not loaded);
  // joiners are answered from the stored bytes meanwhile. Rooms without a record stay dormant.
  room.whenHydrated(rewrite)
  if (room.isCold()) {
    current().then((meta) => {
      if (meta && isLive()) room.wakeSoon()
    }, onError)
  }
  room.eachDoc((doc) =>
    doc.getMap(META_MAP).observe((event, tr) => {
      if (tr.origin === ServerOrigin || tr.origin === HydrateOrigin || tr.origin === RemoteOrigin) return
      if (!GUARDED_KEYS.some((k) => event.keysChanged.has(k))) return
      // After the client's transaction has finished (and been relayed), not inside it.
      queueMicrotask(rewrite)
    }),
  )
  // The same for client updates applied on the room host (roomAway.ts): told after their relay.
  room.whileAway((keys) => {
    if (GUARDED_KEYS.some((k) => keys.has(k))) queueMicrotask(rewrite)
  })
}
