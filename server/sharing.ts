/**
 * Rooms, sharing and access (CONTRACT §6) wired into the sync server: the WebSocket authorizer,
 * the rooms REST API on /api/rooms, the room metadata in each document, and the re-check of
 * open connections when a room's access changes or the room is deleted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { openAuthorizer, type Authorizer } from './auth/Authorizer'
import { startExpirySweep } from './auth/expirySweep'
import type { AddressLimits } from './limits/AddressLimiter'
import { createTokenAuthorizer, isConnectionGrant, reassess } from './auth/tokenAuthorizer'
import type { CreateRoomsPolicy, RoomMeta, RoomsApiDeps, RoomsApiHandler } from './api/rooms'
import type { RoomRecord, RoomsStore } from './api/roomsStore'
import type { Logger } from './log'
import type { Room } from './room'
import { guardRoomMeta, writeRoomMeta } from './roomMeta'
import type { SyncServer } from './server'
import { Forbidden, RoomDeleted, withReason } from './ws/closeCodes'

export interface SharingOptions {
  store: RoomsStore
  /** per-address rate limits, shared with the WebSocket upgrade */
  limits?: AddressLimits
  secret: Uint8Array
  /** --open: no access control (rooms made through the API still get their metadata) */
  open: boolean
  /** --create-rooms: who may POST /api/rooms (default 'anyone') */
  createRooms?: CreateRoomsPolicy
  log: Logger
  /** true when stored document data exists for a room id (so new codes never reuse ad-hoc rooms) */
  roomHasData?: (room: string) => boolean | Promise<boolean>
  now?: () => number
  /** tells the other instances of a cluster that a room's record changed or the room was deleted here */
  announce?: { roomChanged(room: string): void; roomDeleted(room: string): void }
}

export interface Sharing {
  /** the WebSocket authorizer for these options */
  authorizer: Authorizer
  /** pass to createSyncServer's onRoomLoaded */
  onRoomLoaded(room: Room): void
  /** mounts the REST API and binds room events to the server's rooms */
  mount(server: SyncServer): void
  /** another instance changed the room's record: re-read it, update the document's copy, re-check connections here */
  roomChangedElsewhere(room: string): Promise<void>
  /** another instance deleted the room: end its sessions here (once its record is gone) */
  roomDeletedElsewhere(room: string): Promise<void>
}

export const AccessWithdrawn = withReason(Forbidden, 'access to this board was withdrawn')
export const LinkRevoked = withReason(Forbidden, 'the link to this board was revoked by its owner')

export function createSharing(opts: SharingOptions): Sharing {
  const now = () => opts.now?.() ?? Date.now()
  const authorizer = opts.open ? openAuthorizer : createTokenAuthorizer({ secret: opts.secret, store: opts.store, now })
  let server: SyncServer | null = null

  const metaOf = (r: RoomRecord): RoomMeta => ({ title: r.title, access: r.access })
  const recordMeta = async (name: string): Promise<RoomMeta | null> => {
    const r = await opts.store.get(name)
    return r ? metaOf(r) : null
  }

  /** Applies a changed record (access, code access, a revoked link) to the room's open connections: downgrade, upgrade or close. */
  function reassessConnections(room: Room, record: RoomRecord): void {
    const at = now()
    let closed = 0
    let changed = 0
    for (const conn of [...room.connections]) {
      // Connections granted without a token check (--open, a host's hook) keep their role.
      if (!isConnectionGrant(conn.auth)) continue
      const decision = reassess(conn.auth, record, at)
      if (!decision.ok) {
        conn.close(decision.code === 'link_invalid' || decision.code === 'token_revoked' ? LinkRevoked : AccessWithdrawn)
        closed++
      } else if (decision.role !== conn.role) {
        changed += room.setRole((c) => c === conn, decision.role)
      }
    }
    if (closed + changed > 0) opts.log.info({ room: room.name, access: record.access, closed, changed }, 'connections re-checked after an access change')
  }

  /** A loaded room gets the record's title and access; its connections are re-checked against the record. */
  function applyRecord(name: string, record: RoomRecord): void {
    const room = server?.rooms.get(name)
    if (!room) return
    void writeRoomMeta(room, metaOf(record))
    reassessConnections(room, record)
  }

  async function endRoomHere(name: string): Promise<void> {
    await server?.rooms.deleteRoom(name, RoomDeleted)
  }

  return {
    authorizer,
    async roomChangedElsewhere(name) {
      if (!server?.rooms.get(name)) return
      const record = await opts.store.get(name)
      if (record) applyRecord(name, record)
    },
    async roomDeletedElsewhere(name) {
      if (!server?.rooms.get(name) || (await opts.store.get(name))) return
      await endRoomHere(name)
      opts.log.info({ room: name }, 'room deleted by its owner on another instance')
    },
    onRoomLoaded(room) {
      try {
        guardRoomMeta(room, () => recordMeta(room.name), () => server?.rooms.get(room.name) === room, (err) =>
          opts.log.error({ room: room.name, err }, 'could not read room metadata'))
      } catch (err) {
        opts.log.error({ room: room.name, err }, 'could not attach room metadata')
      }
    },
    mount(s) {
      server = s
      if (!opts.open) {
        startExpirySweep({ rooms: () => s.rooms.all(), record: (name) => opts.store.get(name), now, log: opts.log })
      }
      const deps: RoomsApiDeps = {
        limits: opts.limits,
        store: opts.store,
        secret: opts.secret,
        open: opts.open,
        createRooms: opts.createRooms,
        now,
        users: (name) => s.rooms.get(name)?.connections.size ?? 0,
        roomTaken: async (name) => s.rooms.get(name) !== undefined || ((await opts.roomHasData?.(name)) ?? false),
        onRoomChanged(name, record) {
          opts.announce?.roomChanged(name)
          applyRecord(name, record)
        },
        async endRoom(name) {
          opts.announce?.roomDeleted(name)
          await endRoomHere(name)
          opts.log.info({ room: name }, 'room deleted by its owner')
        },
        onError: (err) => opts.log.error({ err }, 'rooms API failed'),
      }
      // The API and its request schemas are loaded by the first request: a server that only syncs never holds them.
      let api: Promise<RoomsApiHandler> | null = null
      const handle = async (req: IncomingMessage, res: ServerResponse) => {
        api ??= import('./api/rooms').then((m) => m.createRoomsApi(deps))
        if (!(await (await api)(req, res))) {
          res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
          res.end(JSON.stringify({ error: { code: 'not_found', message: 'no such API route' } }))
        }
      }
      // The API answers its own methods (405 with Allow for others it knows); the router's
      // method match only decides which requests reach it.
      const pattern = /^\/api\/rooms(?:\/.*)?$/
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) s.addRoute(method, pattern, handle)
    },
  }
}
