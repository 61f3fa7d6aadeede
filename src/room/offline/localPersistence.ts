import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { localAccess, localDbName, parseLocalDbName, type LocalAccess } from './accessLevel'
import { PendingChanges } from './pendingChanges'
import { touchedRecords } from './touchedRecords'
import { makeReceiveOnly, onServerAnswered } from './receiveOnly'
import { quietServerUpdates } from './quietSync'
import { skipOwnEchoes } from '../ownEchoes'
import { forgetLocalBoard, notifyLocalBoardsChanged, rememberLocalBoard, rememberedLocalBoards } from './localBoardsRegistry'

/** Key in the local copy's `custom` store holding the pending-changes count across reloads. */
const PENDING_KEY = 'pendingChanges'

/**
 * One board's copy on this device (IndexedDB via y-indexeddb), scoped per room and access level.
 * Attach it to the doc BEFORE the provider connects, so the board renders from local data at once
 * and the first sync only exchanges what is missing.
 */
export interface LocalCopy {
  room: string
  access: LocalAccess
  /** IndexedDB database name */
  name: string
  /** resolves when the local data has been applied to the doc (or at once when IndexedDB is unavailable) */
  whenLoaded: Promise<void>
  /** local changes the server has not been sent yet */
  pending: PendingChanges
  /** wires the provider: viewer → receive-only; counts/acknowledges pending changes; reconnects when back online */
  bind(provider: WebsocketProvider): void
  destroy(): void
}

/** WebSocket close code the server uses when the room's owner deleted it (server/ws/closeCodes.ts). */
export const ROOM_DELETED_CLOSE_CODE = 4404

const copies = new WeakMap<Y.Doc, LocalCopy>()

/** The local copy attached to a doc by attachLocalPersistence, if any. */
export function localCopyFor(doc: Y.Doc): LocalCopy | null {
  return copies.get(doc) ?? null
}

function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined'
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

export function attachLocalPersistence(doc: Y.Doc, room: string, token: string | null): LocalCopy {
  const access = localAccess(token)
  const name = localDbName(room, access)
  let persistence: IndexeddbPersistence | null = null
  const pending = new PendingChanges((n) => {
    persistence?.set(PENDING_KEY, n).catch(() => {})
  })
  let whenLoaded: Promise<void> = Promise.resolve()
  if (hasIndexedDb()) {
    const p = new IndexeddbPersistence(name, doc)
    persistence = p
    rememberLocalBoard(room)
    // y-indexeddb never settles whenSynced if the database cannot be opened (private mode,
    // quota): then the board simply works online-only.
    const opened = (p as unknown as { _db: Promise<IDBDatabase> })._db
    whenLoaded = Promise.race([p.whenSynced.then(() => undefined), opened.then(() => new Promise<void>(() => {}), () => undefined)])
    opened.then(
      (db) => {
        // another tab removes this local copy (RemoveLocalCopyButton): let it; this tab goes online-only
        db.onversionchange = () => {
          void p.destroy()
          persistence = null
        }
        notifyLocalBoardsChanged()
      },
      () => {
        persistence = null
      },
    )
    // read before any edit of this session can overwrite it (IndexedDB runs transactions in order)
    void p.get(PENDING_KEY).then(
      (stored: unknown) => pending.restore(typeof stored === 'number' ? stored : 0),
      () => pending.restore(0),
    )
  }

  const cleanups: (() => void)[] = []
  const copy: LocalCopy = {
    room,
    access,
    name,
    whenLoaded,
    pending,
    bind(provider) {
      if (access === 'view') makeReceiveOnly(provider)
      // listeners that skip the provider's own updates (the pending counter's is set below)
      let onUpdate: unknown = null
      let echoes: ReturnType<typeof skipOwnEchoes> | null = null
      quietServerUpdates(
        provider,
        () => [provider._updateHandler, onUpdate, echoes?.updateListener],
        () => (persistence ? (persistence as unknown as { _storeUpdate: (u: Uint8Array, o: unknown) => void })._storeUpdate : null),
      )
      // true between answering the server's SyncStep1 and the end of that connection
      let answered = false
      onServerAnswered(provider, () => {
        if (!provider.wsconnected) return
        answered = true
        pending.acknowledge()
      })
      // an editor's own updates come back from the server as confirmations: not applied again
      if (access === 'edit') {
        const e = skipOwnEchoes(provider)
        echoes = e
        cleanups.push(() => e.destroy())
      }
      const onStatus = ({ status }: { status: string }) => {
        if (status !== 'connected') answered = false
      }
      provider.on('status', onStatus)
      cleanups.push(() => provider.off('status', onStatus))

      // The owner deleted the room: drop this device's copy too, or its next visit would push the
      // whole board back and bring the room back to life.
      const onClosed = (event: { code: number }) => {
        if (event.code !== ROOM_DELETED_CLOSE_CODE) return
        void persistence?.destroy()
        persistence = null
        pending.acknowledge()
        clearLocalCopy(room).catch(() => {})
      }
      provider.on('closed', onClosed)
      cleanups.push(() => provider.off('closed', onClosed))

      if (access === 'edit') {
        const noteUpdate = (_u: Uint8Array, origin: unknown, _d: Y.Doc, tr: Y.Transaction) => {
          if (origin === provider || (persistence !== null && origin === persistence)) return
          const delivered = answered && provider.wsconnected && isOnline()
          pending.noteLocalChange(delivered, delivered ? undefined : touchedRecords(tr))
        }
        onUpdate = noteUpdate
        doc.on('update', noteUpdate)
        cleanups.push(() => doc.off('update', noteUpdate))
      }

      if (typeof window !== 'undefined') {
        // Drop the current socket at once and dial again. A plain ws.close() is not enough: on a
        // dead network the close handshake never completes, the socket sits in CLOSING and
        // y-websocket keeps believing it is connected until its 30 s silence watchdog fires.
        // disconnect() tells the provider the socket is gone now; connect() starts a new one
        // (which fails while offline and then retries with y-websocket's backoff).
        const redial = () => {
          if (!provider.shouldConnect) return // someone disconnected on purpose: leave it
          provider.disconnect()
          provider.connect()
        }
        // Offline: show it now, not after the watchdog. Back online: do not wait for the
        // backoff, and do not trust a socket that lived through the outage (Chromium keeps
        // sockets open while offline) — a fresh handshake merges both sides' offline edits.
        // A socket still connecting was dialled while offline: y-websocket has no connect
        // timeout, and such an attempt can hang for minutes, so it is replaced too.
        const onOnline = redial
        window.addEventListener('online', onOnline)
        window.addEventListener('offline', redial)
        cleanups.push(() => {
          window.removeEventListener('online', onOnline)
          window.removeEventListener('offline', redial)
        })
      }
    },
    destroy() {
      for (const c of cleanups.splice(0)) c()
      void persistence?.destroy()
      persistence = null
      copies.delete(doc)
    },
  }
  copies.set(doc, copy)
  return copy
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`))
    // 'blocked': another tab still has it open; it closes on versionchange (see above), then success fires
  })
}

/** Removes a board's local copies (both access levels) from this device. The server copy is untouched. */
export async function clearLocalCopy(room: string): Promise<void> {
  if (hasIndexedDb()) {
    await Promise.all([deleteDb(localDbName(room, 'edit')), deleteDb(localDbName(room, 'view'))])
  }
  forgetLocalBoard(room)
  notifyLocalBoardsChanged()
}

/** Rooms with a local copy on this device (any access level), sorted. */
export async function listLocalBoards(): Promise<string[]> {
  if (!hasIndexedDb()) return []
  const rooms = new Set<string>()
  if (typeof indexedDB.databases === 'function') {
    for (const info of await indexedDB.databases()) {
      const parsed = info.name ? parseLocalDbName(info.name) : null
      if (parsed) rooms.add(parsed.room)
    }
  } else {
    for (const r of rememberedLocalBoards()) rooms.add(r)
  }
  return [...rooms].sort()
}

/** Pending-changes count stored in a room's editable local copy (0 when none); for the removal warning. */
export async function storedPendingChanges(room: string): Promise<number> {
  if (!hasIndexedDb()) return 0
  const name = localDbName(room, 'edit')
  if (typeof indexedDB.databases === 'function') {
    const exists = (await indexedDB.databases()).some((d) => d.name === name)
    if (!exists) return 0
  }
  return new Promise((resolve) => {
    const req = indexedDB.open(name)
    req.onerror = () => resolve(0)
    req.onsuccess = () => {
      const db = req.result
      try {
        const get = db.transaction('custom', 'readonly').objectStore('custom').get(PENDING_KEY)
        get.onsuccess = () => {
          db.close()
          resolve(typeof get.result === 'number' ? get.result : 0)
        }
        get.onerror = () => {
          db.close()
          resolve(0)
        }
      } catch {
        db.close()
        resolve(0)
      }
    }
  })
}
