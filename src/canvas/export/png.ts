import type { Item } from '../../doc'
import { exportSvg } from './svg'
import type { AssetHref } from './embedAssets'

export const PNG_PIXEL_RATIO = 2
export const PNG_PADDING = 32
/** browsers refuse canvases much beyond this many pixels on a side */
const MAX_SIDE = 8192

/**
 * PNG of the given items at 2× resolution on a white background. Rasterises our own SVG rather than
 * the live Konva stage: the stage culls off-screen items and draws selection handles and cursors,
 * none of which belong in an export. Images must come as data URLs (`assetHref`, from
 * embeddedAssets): an SVG drawn through an <img> loads nothing from outside.
 */
export async function exportPng(items: readonly Item[], opts: { pixelRatio?: number; assetHref?: AssetHref } = {}): Promise<Blob> {
  const pixelRatio = opts.pixelRatio ?? PNG_PIXEL_RATIO
  const { svg, bounds } = exportSvg(items, { padding: PNG_PADDING, background: '#ffffff', assetHref: opts.assetHref })
  const ratio = Math.min(pixelRatio, MAX_SIDE / Math.max(bounds.width, 1), MAX_SIDE / Math.max(bounds.height, 1))
  const img = new Image()
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(bounds.width * ratio))
    canvas.height = Math.max(1, Math.round(bounds.height * ratio))
    const g = canvas.getContext('2d')
    if (!g) throw new Error('no 2D canvas context')
    g.drawImage(img, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}
