import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from './log'
import { redactUrl } from './roomName'
import { serveStatic } from './static'

/** Handles one matched request; `match` is the route's RegExp match on the URL path. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, url: URL) => void | Promise<void>

/** A host's server we are attached to: what to do with requests that are not ours. */
export interface HostFront {
  /** hands the request to the host's own handler */
  fallthrough(): void
  /** whether the web app's files are served here */
  files: boolean
}

interface Route {
  method: string
  pattern: RegExp
  handler: RouteHandler
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  res.end(text)
}

/** Writes the contract's JSON error shape `{ error: { code, message } }`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } })
}

/**
 * HTTP routing: registered routes first (in order; `/api/*` lives here), then the web app's
 * static files. Unknown `/api/` paths get a JSON 404, everything else a text 404.
 */
export class HttpRouter {
  private readonly routes: Route[] = []
  constructor(private readonly opts: { staticDir: string | null; log: Logger }) {}

  /** Adds a route; `pattern` is matched against the URL path only (no query string). */
  addRoute(method: string, pattern: RegExp, handler: RouteHandler): void {
    this.routes.push({ method: method.toUpperCase(), pattern, handler })
  }

  /**
   * Answers a request. Attached to a host's server (`host`), a request that no route and no file
   * matched is handed to the host's own handler instead of being answered 404, and the web app's
   * files are served only when `host.files` says so.
   */
  readonly handle = (req: IncomingMessage, res: ServerResponse, host?: HostFront): void => {
    this.dispatch(req, res, host).catch((err: unknown) => {
      this.opts.log.error({ err, method: req.method, url: redactUrl(req.url) }, 'request failed')
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal server error')
      else res.destroy()
    })
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, host?: HostFront): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = (req.method ?? 'GET').toUpperCase()
    let pathMatched = false
    for (const route of this.routes) {
      const m = route.pattern.exec(url.pathname)
      if (!m) continue
      pathMatched = true
      if (route.method === method || (route.method === 'GET' && method === 'HEAD')) {
        await route.handler(req, res, m, url)
        return
      }
    }
    if (pathMatched) return sendError(res, 405, 'method_not_allowed', `${method} is not allowed here`)
    if (url.pathname.startsWith('/api/') && !host) return sendError(res, 404, 'not_found', 'no such API route')
    if ((method === 'GET' || method === 'HEAD') && this.opts.staticDir && (host?.files ?? true)) {
      if (await serveStatic(req, res, this.opts.staticDir, url.pathname)) return
    }
    if (host) return host.fallthrough()
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end(this.opts.staticDir ? 'not found\n' : 'not found (the web app is not built: run `npm run build`)\n')
  }
}
