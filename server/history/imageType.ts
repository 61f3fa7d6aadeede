/**
 * The image types a board accepts as files (CONTRACT §7), told apart by their first bytes — never
 * by a file name or a client's Content-Type, which anyone can set to anything.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const GIF87 = [...'GIF87a'].map((c) => c.charCodeAt(0))
const GIF89 = [...'GIF89a'].map((c) => c.charCodeAt(0))
const RIFF = [...'RIFF'].map((c) => c.charCodeAt(0))
const WEBP = [...'WEBP'].map((c) => c.charCodeAt(0))

/** The type of an image file from its magic bytes, or null for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif'
  if (startsWith(bytes, RIFF) && startsWith(bytes.subarray(8), WEBP)) return 'image/webp'
  return null
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
}
