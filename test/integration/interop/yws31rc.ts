import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

/**
 * y-websocket 3.1.0-rc.5 (npm alias `yws31rc`), the pre-release with `sync-status`. It imports
 * `@y/y` for three content-id functions that the installed @y/y 14.0.0-16 lacks (see
 * contentIds.mjs), so a resolve hook sends that one import, from that one package, to the
 * stand-in. Everything else (yjs 13, y-protocols, lib0) is what rc.5 normally loads.
 */
const shim = pathToFileURL(path.join(import.meta.dirname, 'contentIds.mjs')).href
const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === '@y/y' && context.parentURL && context.parentURL.includes('/yws31rc/')) {
    return { url: ${JSON.stringify(shim)}, shortCircuit: true }
  }
  return next(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`)

type Rc5 = typeof import('y-websocket')
/** rc.5's module (its API is 3.1.0's plus `sync-status` and `syncStatus`). */
export const yws31rc: Rc5 = (await import('yws31rc' as string)) as Rc5
