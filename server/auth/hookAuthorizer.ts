/**
 * The WebSocket authorizer of an embedding host (`createTesseraServer({ authenticate })`): the
 * host's own login decides each upgrade, instead of Tessera's capability tokens. The hook sees the
 * upgrade request (cookies, headers, the query string) and the room, and answers with a role, or
 * null to refuse. A throwing hook refuses too (500) and is logged, never crashing the server.
 */
import type { IncomingMessage } from 'node:http'
import type { Logger } from '../log'
import type { Authorizer } from './Authorizer'
import { isRole, type Role } from './roles'

/** A role, or a role with the name of who it is (reported as `by` in onRoomChange), or null to refuse. */
export type AuthenticateResult = Role | { role: Role; user?: string } | null

/** The host's login check for one WebSocket upgrade into `room`. */
export type AuthenticateHook = (request: IncomingMessage, room: string) => AuthenticateResult | Promise<AuthenticateResult>

/** What stays attached to a connection the hook let in (`connection.auth`). */
export interface HostGrant {
  host: true
  user: string | null
}

export function isHostGrant(value: unknown): value is HostGrant {
  return typeof value === 'object' && value !== null && (value as { host?: unknown }).host === true
}

export function createHookAuthorizer(authenticate: AuthenticateHook, log: Logger): Authorizer {
  return {
    async authorize(room, request) {
      let answer: AuthenticateResult
      try {
        answer = await authenticate(request, room)
      } catch (err) {
        log.error({ room, err }, 'the authenticate hook threw; connection refused')
        return { refuse: { status: 500, message: 'authentication failed' } }
      }
      if (answer === null || answer === undefined) return { refuse: { status: 403, message: 'access denied' } }
      const role = typeof answer === 'string' ? answer : answer.role
      if (!isRole(role)) {
        log.error({ room, answer: String(role) }, 'the authenticate hook answered no known role; connection refused')
        return { refuse: { status: 500, message: 'authentication failed' } }
      }
      const user = typeof answer === 'object' && typeof answer.user === 'string' ? answer.user : null
      const grant: HostGrant = { host: true, user }
      return { role, data: grant }
    },
  }
}
