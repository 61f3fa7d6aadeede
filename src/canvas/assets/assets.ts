// Images stored with a room (CONTRACT §7): upload, URLs, and a cache-first loader that keeps
// every image once seen in Cache Storage, so boards opened offline still show them. An asset id
// is the file's SHA-256, so a cached copy can never be stale.
import type { RoomConnection } from '../../room/connectRoom'

export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']
const CACHE = 'tessera-assets-v1'

/** The HTTP origin (and path prefix) of the room's server, from its WebSocket URL. */
export function httpBase(conn: RoomConnection): string {
  const ws = (conn.provider as unknown as { serverUrl?: string }).serverUrl ?? ''
  return ws ? ws.replace(/^ws(s?):/, 'http$1:').replace(/\/+$/, '') : ''
}

/** The asset's URL without credentials (also the offline cache key). */
export function assetUrl(conn: RoomConnection, assetId: string): string {
  return `${httpBase(conn)}/api/rooms/${encodeURIComponent(conn.room)}/assets/${encodeURIComponent(assetId)}`
}

/** A refused upload has a sentence for a toast and a few words for a summary ("too large"). */
export type UploadResult = { ok: true; assetId: string } | { ok: false; message: string; reason: string }

/** POSTs a file as the room's asset (editor+). The server checks the type from the bytes. */
export async function uploadImage(conn: RoomConnection, file: Blob): Promise<UploadResult> {
  if (file.type && !IMAGE_TYPES.includes(file.type)) return { ok: false, message: 'Only PNG, JPEG, GIF and WebP images can be added.', reason: 'unsupported type' }
  const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream' }
  if (conn.token) headers.Authorization = `Bearer ${conn.token}`
  try {
    const res = await fetch(`${httpBase(conn)}/api/rooms/${encodeURIComponent(conn.room)}/assets`, { method: 'POST', headers, body: file })
    const body = (await res.json().catch(() => ({}))) as { assetId?: unknown; message?: unknown }
    if (res.ok && typeof body.assetId === 'string') return { ok: true, assetId: body.assetId }
    const why = typeof body.message === 'string' ? body.message : `the server answered ${res.status}`
    return { ok: false, message: `The image was not added: ${why}.`, reason: refusalReason(res.status) }
  } catch {
    return { ok: false, message: 'The image was not added: the server cannot be reached.', reason: 'offline' }
  }
}

function refusalReason(status: number): string {
  if (status === 413) return 'too large'
  if (status === 415 || status === 400) return 'not an image'
  if (status === 401 || status === 403) return 'not allowed'
  if (status === 429) return 'too many requests'
  return `server error ${status}`
}

/** The bytes of an asset, from the offline cache when there, else fetched (and then cached). */
export function loadAssetBlob(conn: RoomConnection, assetId: string): Promise<Blob> {
  return fetchBlob(assetUrl(conn, assetId), conn.token)
}

const loaded = new Map<string, Promise<HTMLImageElement>>()

/** The image of an asset, from the offline cache when there, else fetched (and then cached). */
export function loadAssetImage(conn: RoomConnection, assetId: string): Promise<HTMLImageElement> {
  const url = assetUrl(conn, assetId)
  let p = loaded.get(url)
  if (!p) {
    p = fetchBlob(url, conn.token).then(blobImage)
    p.catch(() => loaded.delete(url)) // a failed load may succeed later (back online)
    loaded.set(url, p)
  }
  return p
}

async function fetchBlob(url: string, token: string | null): Promise<Blob> {
  const cache = typeof caches !== 'undefined' ? await caches.open(CACHE).catch(() => null) : null
  const hit = await cache?.match(url)
  if (hit) return hit.blob()
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw new Error(`asset ${res.status}`)
  const blob = await res.blob()
  await cache?.put(url, new Response(blob, { headers: { 'Content-Type': blob.type } })).catch(() => undefined)
  return blob
}

function blobImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('not an image'))
    img.src = URL.createObjectURL(blob)
  })
}
