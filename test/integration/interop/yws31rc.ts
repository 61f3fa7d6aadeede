/**
 * y-websocket 3.1.0-rc.5 (npm alias `yws31rc`), the pre-release with `sync-status`. It imports
 * `@y/y` (yjs 14 pre-release, a separate package name, so the tree keeps one `yjs`) for its
 * content-id bookkeeping; 14.0.0-rc.7 is the first that exports those functions.
 */
type Rc5 = typeof import('y-websocket')
/** rc.5's module (its API is 3.1.0's plus `sync-status` and `syncStatus`). */
export const yws31rc: Rc5 = (await import('yws31rc' as string)) as Rc5
