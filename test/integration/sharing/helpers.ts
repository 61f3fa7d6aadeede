import WebSocket from 'ws'
import { signToken, type Role } from '../../../server/auth/tokens'
import type { RunningServer } from '../../helpers/server'
import type { CreatedRoom } from '../../../src/app/api'

/** The signing secret the sharing tests pass with --auth-secret, so they can mint their own tokens. */
export const TEST_SECRET = 'sharing-tests-secret-0123456789abcdef'
export const SECRET_ARGS = ['--auth-secret', TEST_SECRET]

export function mint(room: string, role: Role, opts: { now?: number; ttlSeconds?: number; secret?: string } = {}): string {
  return signToken(Buffer.from(opts.secret ?? TEST_SECRET, 'utf8'), { room, role, now: opts.now, ttlSeconds: opts.ttlSeconds })
}

export interface ApiResponse {
  status: number
  body: unknown
  headers: Headers
}

/** One REST call; the token goes in the Authorization header unless `query` is set. */
export async function api(
  server: RunningServer,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; rawBody?: string; query?: boolean } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {}
  if (opts.token && !opts.query) headers.Authorization = `Bearer ${opts.token}`
  const url = `${server.url}${path}${opts.token && opts.query ? `?token=${encodeURIComponent(opts.token)}` : ''}`
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(url, { method, headers, body })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed, headers: res.headers }
}

/** The body of a 201 from POST /api/rooms (CONTRACT §6), as the web app's API client types it. */
export type { CreatedRoom }

export async function createRoom(server: RunningServer, title = 'Test board'): Promise<CreatedRoom> {
  const r = await api(server, 'POST', '/api/rooms', { body: { title } })
  if (r.status !== 201) throw new Error(`POST /api/rooms → ${r.status} ${JSON.stringify(r.body)}`)
  return r.body as CreatedRoom
}

export function errorCode(r: ApiResponse): string | undefined {
  const b = r.body as { error?: { code?: unknown; message?: unknown } } | null
  return typeof b?.error?.code === 'string' && typeof b.error.message === 'string' ? b.error.code : undefined
}

export interface RawAttempt {
  /** HTTP status of a refused upgrade, or 101 when the socket opened */
  status: number
  /** frames received (a refused upgrade must have none) */
  frames: number
  /** bytes received as WebSocket frames */
  bytes: number
  close: { code: number; reason: string } | null
}

/**
 * A raw `ws` client (no y-websocket): records whether the upgrade was refused with an HTTP
 * status and how many frames arrived. Waits `settleMs` after opening to collect frames.
 */
export function rawConnect(wsUrl: string, path: string, opts: { settleMs?: number; rejectUnauthorized?: boolean } = {}): Promise<RawAttempt> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsUrl}${path}`, { rejectUnauthorized: opts.rejectUnauthorized ?? true })
    const result: RawAttempt = { status: 0, frames: 0, bytes: 0, close: null }
    ws.on('unexpected-response', (_req, res) => {
      result.status = res.statusCode ?? 0
      res.resume()
      res.on('end', () => resolve(result))
      ws.terminate()
    })
    ws.on('upgrade', () => (result.status = 101))
    ws.on('message', (data: Buffer) => {
      result.frames++
      result.bytes += data.length
    })
    ws.on('open', () => setTimeout(() => ws.close(), opts.settleMs ?? 300))
    ws.on('close', (code, reason) => {
      result.close = { code, reason: reason.toString() }
      if (result.status !== 0) resolve(result)
    })
    ws.on('error', () => {
      if (result.status === 0) resolve(result)
    })
  })
}
