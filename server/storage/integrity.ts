/**
 * Integrity of stored room data. Every row the SQLite store writes carries a CRC-32 of its bytes;
 * a load verifies each row against it (rows written before checksums existed are verified by
 * decoding them as Yjs updates instead). Bytes that fail are never served, applied or compacted
 * over: the store throws DamagedRoomError and the room is quarantined (see rooms.ts).
 */
import { crc32 } from 'node:zlib'
import { isDecodableUpdate } from '../ws/protocol'

/** Stored data of a room failed verification; the data is left exactly as it is. */
export class DamagedRoomError extends Error {
  override readonly name = 'DamagedRoomError'
  constructor(
    readonly room: string,
    readonly detail: string,
  ) {
    super(`stored data of room ${room} is damaged: ${detail}`)
  }
}

/** The checksum stored beside each row (an unsigned 32-bit integer). */
export function checksumOf(data: Uint8Array): number {
  return crc32(data)
}

/** True when a stored row is intact: its checksum matches, or (no checksum) it decodes as a Yjs update. */
export function isIntactRow(data: Uint8Array, checksum: number | null): boolean {
  return checksum === null ? isDecodableUpdate(data) : checksumOf(data) === checksum
}

export function isDamagedRoomError(err: unknown): err is DamagedRoomError {
  return err instanceof DamagedRoomError
}
