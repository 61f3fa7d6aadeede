/** A typed result at a boundary: a value, or a machine-readable code with a message for people. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}
export function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, code, message }
}
