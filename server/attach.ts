import type http from 'node:http'
import type { Duplex } from 'node:stream'
import type { HostFront } from './http'

/** How Tessera sits on a host's own HTTP server (`attach`). */
export interface AttachOptions {
  /**
   * URL path under which Tessera answers, e.g. `/tessera`: WebSockets at `/tessera/<room>`, REST
   * at `/tessera/api/rooms`. Default `''` (the root): every WebSocket upgrade is then a room, so
   * give a path when the host has WebSockets of its own.
   */
  path?: string
  /** Also serve the web app's files (only with the root path; the app's URLs are absolute). Default false. */
  app?: boolean
}

/** What attach mounts: the sync server's request and upgrade handlers. */
export interface Mountable {
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse, host?: HostFront): void
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void

/** `/tessera/` → `/tessera`; `''` and `/` → `''`; throws on anything that is not a plain path. */
export function normalizePath(path: string | undefined): string {
  const p = (path ?? '').replace(/\/+$/, '')
  if (p === '') return ''
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(p)) throw new TypeError(`attach path must look like /segment[/segment…], got ${JSON.stringify(path)}`)
  return p
}

/** The URL with `prefix` taken off (always starting with `/`), or null when it is not under `prefix`. */
export function underPrefix(url: string, prefix: string): string | null {
  if (prefix === '') return url
  if (url !== prefix && !url.startsWith(`${prefix}/`) && !url.startsWith(`${prefix}?`)) return null
  const rest = url.slice(prefix.length)
  return rest.startsWith('/') ? rest : `/${rest}`
}

/**
 * Mounts Tessera on a host's server beside the host's own routes. The host's request handlers
 * (those registered before attach, e.g. `http.createServer(app)`) are taken off the server and
 * called for every request Tessera does not answer, so each request gets exactly one answer.
 * Upgrades under the path are Tessera's; others are left to the host's upgrade listeners.
 * Returns a function that restores the server as it was.
 */
export function attachToServer(server: http.Server, target: Mountable, opts: AttachOptions = {}): () => void {
  const prefix = normalizePath(opts.path)
  const files = Boolean(opts.app) && prefix === ''
  const hostListeners = server.listeners('request') as RequestListener[]
  server.removeAllListeners('request')

  const toHost = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (hostListeners.length === 0) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('not found\n')
      return
    }
    for (const l of hostListeners) l.call(server, req, res)
  }
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const original = req.url ?? '/'
    const inner = underPrefix(original, prefix)
    if (inner === null) return toHost(req, res)
    req.url = inner
    target.handleRequest(req, res, {
      files,
      fallthrough: () => {
        req.url = original
        toHost(req, res)
      },
    })
  }
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const inner = underPrefix(req.url ?? '/', prefix)
    if (inner === null) return
    req.url = inner
    target.handleUpgrade(req, socket, head)
  }
  server.on('request', onRequest)
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('request', onRequest)
    server.off('upgrade', onUpgrade)
    for (const l of hostListeners) server.on('request', l)
  }
}
