import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The directory of Tessera's package.json, found by walking up from `from`: the server runs from
 * its sources (server/), from the bundle next to them (server/.cli-*.mjs) or from the published
 * build (lib/server/), and the web app (dist/) sits beside package.json in each case.
 */
export function packageRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json')
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'tessera') return dir
      } catch {
        // an unreadable package.json is not ours; keep walking up
      }
    }
    if (path.dirname(dir) === dir) return path.resolve(from, '..')
  }
}
