/**
 * Room codes made by the server (CONTRACT §6): 6 characters from an alphabet without look-alikes,
 * easy to read aloud and type — e.g. `K7P2QX`.
 *
 * The alphabet is Crockford's base32 minus the digits 0 and 1 (O/0 and I/1/L are never both
 * present, U is left out as Crockford does): 30 symbols, 30^6 ≈ 729 million codes.
 */
import crypto from 'node:crypto'

export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const ROOM_CODE_LENGTH = 6

const CODE_RE = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`)
// Largest multiple of the alphabet size that fits in a byte: bytes at or above it are rejected,
// so every symbol is equally likely (no modulo bias).
const BYTE_LIMIT = 256 - (256 % ROOM_CODE_ALPHABET.length)

/** A new random room code (crypto-strength randomness, uniform over the alphabet). */
export function generateRoomCode(randomBytes: (n: number) => Uint8Array = crypto.randomBytes): string {
  let code = ''
  // Bounded: each byte is accepted with probability 240/256, so 64 rounds never run out in practice.
  for (let round = 0; round < 64 && code.length < ROOM_CODE_LENGTH; round++) {
    for (const b of randomBytes(ROOM_CODE_LENGTH * 2)) {
      if (b >= BYTE_LIMIT) continue
      code += ROOM_CODE_ALPHABET[b % ROOM_CODE_ALPHABET.length]
      if (code.length === ROOM_CODE_LENGTH) break
    }
  }
  if (code.length !== ROOM_CODE_LENGTH) throw new Error('random source returned too few usable bytes')
  return code
}

/** True for a canonical room code (upper case, exactly 6 symbols of the alphabet). */
export function isRoomCode(value: string): boolean {
  return CODE_RE.test(value)
}

/**
 * The canonical form of a code as a person typed it: case, spaces, dashes, dots and underscores
 * do not matter ("k7p-2qx " → "K7P2QX"). Returns null when the result is not a room code.
 */
export function normalizeRoomCode(input: string): string | null {
  const canonical = input.toUpperCase().replace(/[\s\-_.]+/g, '')
  return isRoomCode(canonical) ? canonical : null
}
