// Typed transaction origins. Observers and the UndoManager filter on these by identity,
// so every local scene op must pass the very same `localOrigin` object.

export interface LocalOrigin {
  readonly source: 'local'
}

/** Housekeeping writes (e.g. the default page) that must not become undo steps. */
export interface SystemOrigin {
  readonly source: 'system'
}

export const localOrigin: LocalOrigin = Object.freeze({ source: 'local' as const })
export const systemOrigin: SystemOrigin = Object.freeze({ source: 'system' as const })

export function isLocalOrigin(o: unknown): o is LocalOrigin {
  return o === localOrigin
}

export function isSystemOrigin(o: unknown): o is SystemOrigin {
  return o === systemOrigin
}
