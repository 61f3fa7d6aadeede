/**
 * JSON in and out for the REST API (CONTRACT §2): bodies are read with a size limit and parsed
 * into a typed result; every error is `{"error":{"code","message"}}` with its HTTP status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LIMITS } from '../limits/limits'

/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: string,
    message: string,
    /** seconds, sent as Retry-After (429) */
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // Responses may carry tokens (POST /api/rooms): never cache them anywhere.
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
  sendJson(res, status, { error: { code, message } })
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' })
  res.end()
}

/**
 * Reads and parses a JSON body. An empty body reads as `undefined`. Throws ApiError 413 past
 * `limit` bytes (the rest of the upload is discarded and the connection closed after the reply),
 * 400 on invalid JSON.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON')
  }
}

/**
 * Reads a request body of at most `limit` bytes. Past it (declared or counted, chunked or not)
 * the rest of the upload is read and thrown away — up to LIMITS.http.drainBytes more, for up to
 * LIMITS.http.drainMs — and then it throws ApiError 413: answering while the client is still
 * writing would reset the connection under it, and most clients write the whole body before
 * they read. sendCaught adds 'Connection: close' to the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    let over = Number.isFinite(declared) && declared > limit
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.off('data', onData)
      if (over) reject(new ApiError(413, 'body_too_large', `the request body is larger than ${limit} bytes`))
      else resolve(Buffer.concat(chunks))
    }
    let timer: NodeJS.Timeout | undefined = over ? setTimeout(finish, LIMITS.http.drainMs) : undefined
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buf.length
      if (!over && size > limit) {
        over = true
        chunks.length = 0
        timer = setTimeout(finish, LIMITS.http.drainMs)
      }
      if (!over) chunks.push(buf)
      else if (size > limit + LIMITS.http.drainBytes) finish()
    }
    req.on('data', onData)
    req.once('end', finish)
    req.once('close', finish)
    req.once('error', (err) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(err)
    })
  })
}

/** Sends an ApiError as JSON; anything else is a bug and becomes a 500 without details. */
export function sendCaught(res: ServerResponse, err: unknown, onBug?: (err: unknown) => void): void {
  if (err instanceof ApiError) {
    const headers: Record<string, string> = err.status === 413 ? { Connection: 'close' } : {}
    if (err.retryAfter !== undefined) headers['Retry-After'] = String(err.retryAfter)
    sendError(res, err.status, err.code, err.message, headers)
    return
  }
  onBug?.(err)
  sendError(res, 500, 'internal', 'internal server error')
}

/** The access token of a REST request: `Authorization: Bearer <token>`, else the `token` query parameter. */
export function tokenFromRequest(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth)
    if (m) return m[1]!
  }
  const q = url.searchParams.get('token')
  return q && q.length > 0 ? q : null
}
