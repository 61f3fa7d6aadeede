import { describe, expect, it } from 'vitest'
import { readItems } from '../../../src/doc'
import { parseScene } from '../../../src/doc/sceneJson'
import { convertExcalidraw, convertForeign, convertTldraw, decodeDataUrl, sniffImage, writeForeign, type Upload } from '../../../src/doc/import'
import { countTx, must, newDoc } from '../doc/docHelpers'

// a 1×1 PNG and a 1×1 GIF (their real bytes), and things that are not images
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'
const pngUrl = `data:image/png;base64,${PNG}`
const gifUrl = `data:image/gif;base64,${GIF}`
const svgUrl = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`

const el = (id: string, extra: Record<string, unknown>) => ({ id, type: 'image', x: 10, y: 20, width: 120, height: 80, angle: 0, opacity: 100, groupIds: [], frameId: null, isDeleted: false, ...extra })

describe('images embedded in an Excalidraw file', () => {
  const file = {
    type: 'excalidraw',
    version: 2,
    elements: [
      { id: 'frame1', type: 'frame', x: 0, y: 0, width: 800, height: 600, name: 'Pics' },
      el('a', { fileId: 'f1', frameId: 'frame1', groupIds: ['g1'] }),
      { id: 'r', type: 'rectangle', x: 300, y: 0, width: 50, height: 50, groupIds: ['g1'], frameId: 'frame1' },
      el('b', { fileId: 'f1', x: 400, angle: Math.PI / 2 }), // the same file again
      el('c', { fileId: 'f2' }), // the same bytes under another file id
      el('d', { fileId: 'f3' }), // a GIF
      el('missing', { fileId: 'nope' }),
      el('nofile', { fileId: null }),
      el('badurl', { fileId: 'bad' }),
      el('svg', { fileId: 'svg' }),
      el('text', { fileId: 'txt' }),
      el('notobj', { fileId: 'str' }),
      el('cropped', { fileId: 'f3', crop: { x: 0, y: 0, width: 1, height: 1, naturalWidth: 0, naturalHeight: 1 } }), // an unreadable crop: shown whole
      { id: 'arrow', type: 'arrow', x: 0, y: 0, width: 10, height: 0, points: [[0, 0], [10, 0]], startBinding: { elementId: 'a' }, endBinding: { elementId: 'missing' } },
    ],
    files: {
      f1: { id: 'f1', mimeType: 'image/png', dataURL: pngUrl, created: 1 },
      f2: { id: 'f2', mimeType: 'image/png', dataURL: pngUrl, created: 1 },
      f3: { id: 'f3', mimeType: 'image/gif', dataURL: gifUrl, created: 1 },
      bad: { id: 'bad', mimeType: 'image/png', dataURL: 'data:image/png;base64,@@not base64@@', created: 1 },
      svg: { id: 'svg', mimeType: 'image/svg+xml', dataURL: svgUrl, created: 1 },
      txt: { id: 'txt', mimeType: 'image/png', dataURL: 'data:text/plain;base64,aGVsbG8=', created: 1 },
      str: 'not a file record',
    },
  }

  it('maps image elements with their files, each distinct file once, and counts the ones it cannot read', () => {
    const c = must(convertExcalidraw(file, 'page-1'))
    // f1 and f2 hold the same data URL: one upload
    expect(c.images.map((i) => i.mimeType)).toEqual(['image/png', 'image/gif'])
    expect(Buffer.from(c.images[0]!.bytes).toString('base64')).toBe(PNG)
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    const [png, gif] = c.images.map((i) => i.key)
    expect(by.get('a')).toMatchObject({ type: 'image', image: png, x: 10, y: 20, width: 120, height: 80, parentId: 'g1' })
    expect(by.get('g1')).toMatchObject({ type: 'group', parentId: 'frame1' })
    expect(by.get('c')).toMatchObject({ image: png })
    expect(by.get('d')).toMatchObject({ image: gif })
    // rotated a quarter turn about its centre (70, 60) → Tessera's corner rotation
    expect(by.get('b')!.rotation).toBe(90)
    expect(by.get('b')!.x).toBeCloseTo(400 + 60 + 40)
    expect(by.get('b')!.y).toBeCloseTo(20 + 40 - 60)
    for (const gone of ['missing', 'nofile', 'badurl', 'svg', 'text', 'notobj']) expect(by.has(gone)).toBe(false)
    expect(c.skipped).toEqual({
      'image (missing file)': 3,
      'image (unreadable data)': 2,
      'image (unsupported type image/svg+xml)': 1,
      'image crop (shown whole)': 1,
    })
    // the arrow keeps its binding to the kept image, not to the skipped one
    expect(by.get('arrow')).toMatchObject({ startBinding: { itemId: 'a' } })
    expect(by.get('arrow')!.endBinding).toBeUndefined()
  })

  it('a malformed files map skips the images and imports the rest, without throwing', () => {
    for (const files of ['oops', null, 42, [pngUrl]]) {
      const c = must(convertExcalidraw({ ...file, files }, 'page-1'))
      expect(c.images).toEqual([])
      expect(c.scene.items.some((i) => i.type === 'image')).toBe(false)
      expect(c.scene.items.some((i) => i.id === 'r')).toBe(true)
      expect(c.skipped['image (missing file)']).toBe(11)
    }
  })

  it('written with the uploads: one transaction, asset ids in place, failed uploads counted, no dangling parent or binding', () => {
    const doc = newDoc()
    const c = must(convertForeign(file, 'page-1'))
    const [png, gif] = c.images.map((i) => i.key)
    const uploads = new Map<string, Upload>([
      [png!, { ok: true, assetId: 'a'.repeat(64) }],
      [gif!, { ok: false, reason: 'too large' }],
    ])
    const { value, count } = countTx(doc, () => writeForeign(doc, c, uploads))
    expect(count).toBe(1)
    const r = must(value)
    expect(r.skipped).toBe('3 images (missing file), 2 images (unreadable data), 1 image (unsupported type image/svg+xml), 1 image crop (shown whole), 2 images not uploaded (too large)')
    const items = readItems(doc).items
    const imgs = items.filter((i) => i.type === 'image')
    expect(imgs.map((i) => i.image)).toEqual(['a'.repeat(64), 'a'.repeat(64), 'a'.repeat(64)])
    const group = items.find((i) => i.type === 'group')!
    expect(imgs.filter((i) => i.parentId === group.id)).toHaveLength(1)
    const ids = new Set(items.map((i) => i.id))
    for (const it of items) {
      if (it.parentId) expect(ids.has(it.parentId)).toBe(true)
      if (it.startBinding) expect(ids.has(it.startBinding.itemId)).toBe(true)
    }
  })

  it('without uploads (the synchronous import) images are left out and counted, the rest is written', () => {
    const doc = newDoc()
    const c = must(convertForeign(file, 'page-1'))
    const r = must(writeForeign(doc, c, new Map()))
    expect(r.skipped).toContain('5 images not uploaded (no upload)')
    expect(readItems(doc).items.some((i) => i.type === 'image')).toBe(false)
    expect(readItems(doc).items.some((i) => i.type === 'rect')).toBe(true)
  })
})

describe('images in a tldraw file', () => {
  const shape = (id: string, extra: Record<string, unknown>, props: Record<string, unknown>) => ({
    id, typeName: 'shape', type: 'image', x: 40, y: 30, rotation: 0, index: 'a1', parentId: 'page:p', opacity: 1, props: { w: 200, h: 100, playing: true, url: '', crop: null, ...props }, meta: {}, ...extra,
  })
  const asset = (id: string, props: Record<string, unknown>, type = 'image') => ({
    id, typeName: 'asset', type, props: { w: 1, h: 1, name: 'a.png', isAnimated: false, mimeType: 'image/png', src: pngUrl, ...props }, meta: {},
  })
  const file = {
    tldrawFileFormatVersion: 1,
    schema: { schemaVersion: 2, sequences: {} },
    records: [
      { id: 'page:p', typeName: 'page', name: 'Page 1', index: 'a1' },
      { id: 'shape:frame', typeName: 'shape', type: 'frame', x: 1000, y: 500, rotation: 0, index: 'a0', parentId: 'page:p', props: { w: 400, h: 300, name: 'F' } },
      shape('shape:inframe', { parentId: 'shape:frame', x: 10, y: 20 }, { assetId: 'asset:png' }),
      shape('shape:again', {}, { assetId: 'asset:png2' }),
      shape('shape:gif', {}, { assetId: 'asset:gif' }),
      shape('shape:noasset', {}, { assetId: 'asset:nope' }),
      shape('shape:nullasset', {}, { assetId: null }),
      shape('shape:linked', {}, { assetId: 'asset:http' }),
      shape('shape:nosrc', {}, { assetId: 'asset:null' }),
      shape('shape:video', {}, { assetId: 'asset:video' }),
      shape('shape:bad', {}, { assetId: 'asset:bad' }),
      shape('shape:flipped', {}, { assetId: 'asset:png', flipX: true }),
      asset('asset:png', {}),
      asset('asset:png2', { name: 'copy.png' }),
      asset('asset:gif', { mimeType: 'image/gif', src: gifUrl }),
      asset('asset:http', { src: 'https://example.com/a.png' }),
      asset('asset:null', { src: null }),
      asset('asset:video', { mimeType: 'video/mp4', src: 'data:video/mp4;base64,AAAA' }, 'video'),
      asset('asset:bad', { src: 'data:image/png;base64,%%%' }),
    ],
  }

  it('maps image shapes with their asset records, placed in their frame, each distinct file once', () => {
    const c = must(convertTldraw(file, 'page-1'))
    expect(c.images.map((i) => i.mimeType)).toEqual(['image/png', 'image/gif'])
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    expect(by.get('shape:inframe')).toMatchObject({ type: 'image', image: c.images[0]!.key, x: 1010, y: 520, width: 200, height: 100, parentId: 'shape:frame' })
    expect(by.get('shape:again')).toMatchObject({ image: c.images[0]!.key, x: 40, y: 30 })
    expect(by.get('shape:gif')).toMatchObject({ image: c.images[1]!.key })
    expect(by.get('shape:flipped')).toMatchObject({ image: c.images[0]!.key })
    expect(c.skipped).toEqual({ 'image (missing file)': 4, 'image (linked, not embedded)': 1, 'image (unreadable data)': 1, 'image flip': 1 })
    expect(parseScene({ ...c.scene, items: c.scene.items.map((i) => (i.type === 'image' ? { ...i, image: 'b'.repeat(64) } : i)) }).ok).toBe(true)
  })

  it('a malformed asset record (props not an object, wrong type) skips its image without throwing', () => {
    const broken = { ...file, records: [...file.records.filter((r) => r.id !== 'asset:png'), { id: 'asset:png', typeName: 'asset', type: 'image', props: 'x' }] }
    const c = must(convertTldraw(broken, 'page-1'))
    expect(c.scene.items.some((i) => i.id === 'shape:inframe')).toBe(false)
    expect(c.scene.items.some((i) => i.id === 'shape:frame')).toBe(true)
    expect(c.skipped['image (missing file)']).toBe(6)
  })
})

describe('data URLs and image bytes', () => {
  it('decodes base64 and percent-encoded data URLs and refuses the rest', () => {
    expect(Buffer.from(decodeDataUrl(pngUrl)!.bytes).toString('base64')).toBe(PNG)
    expect(decodeDataUrl(pngUrl)!.mime).toBe('image/png')
    expect(new TextDecoder().decode(decodeDataUrl(svgUrl)!.bytes)).toContain('<svg')
    expect(decodeDataUrl('data:image/png;base64,@@')).toBeNull()
    expect(decodeDataUrl('https://x/a.png')).toBeNull()
    expect(decodeDataUrl(42)).toBeNull()
  })

  it('tells PNG, JPEG, GIF and WebP from their first bytes, and nothing else', () => {
    expect(sniffImage(decodeDataUrl(pngUrl)!.bytes)).toBe('image/png')
    expect(sniffImage(decodeDataUrl(gifUrl)!.bytes)).toBe('image/gif')
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull()
    expect(sniffImage(new TextEncoder().encode('<svg'))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
  })
})
