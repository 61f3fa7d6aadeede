/**
 * Where the history routes (server/api/versions.ts) answer, without their handlers: the server
 * mounts these at start and loads the handlers (and the scene schema they export with) on the
 * first request to any of them. Groups: room segment, then version id.
 */
const base = String.raw`^\/api\/rooms\/([^/]+)\/versions`

export const VERSION_PATHS = {
  list: ['GET', new RegExp(`${base}\\/?$`)],
  name: ['POST', new RegExp(`${base}\\/?$`)],
  scene: ['GET', new RegExp(`${base}\\/([^/]+)\\/?$`)],
  state: ['GET', new RegExp(`${base}\\/([^/]+)\\/state$`)],
  replay: ['GET', new RegExp(`${base}\\/([^/]+)\\/replay$`)],
  restore: ['POST', new RegExp(`${base}\\/([^/]+)\\/restore$`)],
} as const satisfies Record<string, readonly [string, RegExp]>

export type VersionRoute = keyof typeof VERSION_PATHS
