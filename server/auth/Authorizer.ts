import type { IncomingMessage } from 'node:http'

export type Role = 'owner' | 'editor' | 'viewer'

export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer']

/** True when the role may change the document. */
export function canWrite(role: Role): boolean {
  return role !== 'viewer'
}

/**
 * The outcome of authorizing one WebSocket upgrade. A grant may carry `data` (for example the
 * verified token's claims) which stays attached to the connection as `connection.auth`.
 */
export type AuthDecision =
  | { role: Role; data?: unknown }
  | { refuse: { status: number; message: string } }

/**
 * Decides, per WebSocket upgrade, what a request may do in a room. `request.url` still holds the
 * query string (`?token=…`, see `tokenFromUrl` in roomName.ts). Called after the room name has
 * been validated and before the socket is upgraded, so a refusal is a plain HTTP response.
 */
export interface Authorizer {
  authorize(room: string, request: IncomingMessage): Promise<AuthDecision>
}

/** `--open`: no access control; everyone edits every room (the `npx y-websocket` behaviour). */
export const openAuthorizer: Authorizer = {
  async authorize() {
    return { role: 'editor' }
  },
}

/**
 * Test-only wrapper (env TESSERA_TEST_VIEWER_ROOMS=a,b): connections to the listed rooms are
 * viewers, everything else goes to `inner`. Lets integration tests exercise the viewer rules
 * before real tokens exist.
 */
export function viewerRoomsAuthorizer(rooms: ReadonlySet<string>, inner: Authorizer): Authorizer {
  return {
    async authorize(room, request) {
      if (rooms.has(room)) return { role: 'viewer' }
      return inner.authorize(room, request)
    },
  }
}

export function isRefusal(d: AuthDecision): d is { refuse: { status: number; message: string } } {
  return 'refuse' in d
}
