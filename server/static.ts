import { createReadStream, promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** The single-page-app routes that are answered with index.html ('/r/<room>': a room name may hold '/'). */
export function isAppRoute(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || /^\/r\/.+$/.test(pathname)
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Resolves a URL path to a file inside `root`, or null when it would escape it (`..`, encoded
 * slashes, NUL bytes) or is not valid percent-encoding.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded))
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep
  return full.startsWith(rootWithSep) ? full : null
}

/** Serves GET/HEAD for files of the built web app; returns false when nothing matched. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): Promise<boolean> {
  const target = isAppRoute(pathname) ? path.join(root, 'index.html') : resolveStaticPath(root, pathname)
  if (!target) return false
  let stat
  try {
    stat = await fs.stat(target)
  } catch {
    return false
  }
  if (!stat.isFile()) return false
  const headers: Record<string, string | number> = {
    'Content-Type': contentTypeOf(target),
    'Content-Length': stat.size,
    'X-Content-Type-Options': 'nosniff',
    // Vite's hashed bundles never change; everything else (index.html, sw.js) must revalidate.
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  }
  res.writeHead(200, headers)
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(target)
    stream.on('error', () => {
      res.destroy()
      resolve()
    })
    stream.on('end', () => resolve())
    stream.pipe(res)
  })
  return true
}
