/**
 * The smallest single splice that turns `before` into `after` (common prefix and suffix kept).
 * Applying only this splice to the shared Y.Text — instead of replacing the whole text — is what
 * lets two people type in the same note and both keep their characters.
 */
export interface Splice {
  index: number
  deleteCount: number
  insert: string
}

export function diffText(before: string, after: string): Splice | null {
  if (before === after) return null
  const max = Math.min(before.length, after.length)
  let start = 0
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++
  // Never split a surrogate pair: move the cut points outwards onto code point boundaries.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--
  return {
    index: start,
    deleteCount: before.length - start - end,
    insert: after.slice(start, after.length - end),
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}
