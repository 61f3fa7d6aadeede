/**
 * `--metrics-token` (issue 16): a deployment that exposes its port can keep `/metrics` (room
 * counts, traffic, rejections) and the details of `/healthz` to its monitoring. Without the
 * option both stay open, as before. With it, `/metrics` answers 401 unless the request carries
 * `Authorization: Bearer <token>`, and `/healthz` answers only `{ ok }` (its status code
 * unchanged, so load balancers can still probe it) unless it does.
 */
import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Whether the request may read monitoring details: no token configured, or the right Bearer token (constant time). */
export function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true
  const header = req.headers.authorization
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  if (!m) return false
  const want = crypto.createHash('sha256').update(token).digest()
  const got = crypto.createHash('sha256').update(m[1]!).digest()
  return crypto.timingSafeEqual(want, got)
}
