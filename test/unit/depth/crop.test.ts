import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemsMap, readItem, readItems, updateItems, type Item } from '../../../src/doc'
import { parseScene } from '../../../src/doc/sceneJson'
import { convertExcalidraw, convertTldraw } from '../../../src/doc/import'
import { cropTo, sourceBox, type Croppable } from '../../../src/canvas/transform/cropGeometry'
import { uncroppedPatch } from '../../../src/canvas/transform/cropReset'
import { exportSvg } from '../../../src/canvas/export/svg'
import { add, must, newDoc } from '../doc/docHelpers'

const ASSET = 'a'.repeat(64)
const rawMap = (doc: Y.Doc, id: string) => itemsMap(doc).get(id) as Y.Map<unknown>
const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** Scene corners of the whole source image of a croppable item (where it lies on the canvas). */
function sourceCorners(it: Croppable): number[] {
  const s = sourceBox(it)
  const r = (it.rotation * Math.PI) / 180
  const out: number[] = []
  for (const [lx, ly] of [[s.x, s.y], [s.x + s.width, s.y + s.height]] as const) out.push(it.x + lx * Math.cos(r) - ly * Math.sin(r), it.y + lx * Math.sin(r) + ly * Math.cos(r))
  return out
}
const after = (start: Croppable, r: ReturnType<typeof cropTo>): Croppable => ({ ...start, x: r.x, y: r.y, width: r.width, height: r.height, crop: r.crop ?? undefined })

describe('image crop: stored in the doc', () => {
  it('an image keeps a valid crop; a malformed one is dropped and the image kept (shown whole)', () => {
    const doc = newDoc()
    const [good] = add(doc, { type: 'image', image: ASSET, crop: { x: 0.1, y: 0.2, width: 0.5, height: 0.6 } })
    expect(readItem(doc, good!)!.crop).toEqual({ x: 0.1, y: 0.2, width: 0.5, height: 0.6 })
    // written by another client, field by field: each malformed crop leaves the image itself readable
    const bad: unknown[] = [{ x: 0.6, y: 0, width: 0.5, height: 1 }, { x: -0.1, y: 0, width: 0.5, height: 0.5 }, { x: 0, y: 0, width: 0, height: 1 }, 'half', null, [0, 0, 1, 1], { x: 0, y: 0, width: 1 }]
    for (const crop of bad) {
      const [id] = add(doc, { type: 'image', image: ASSET })
      rawMap(doc, id!).set('crop', crop)
      const it = readItem(doc, id!)
      expect(it, JSON.stringify(crop)).not.toBeNull()
      expect(it!.crop).toBeUndefined()
      expect(it!.image).toBe(ASSET)
    }
    const [nested] = add(doc, { type: 'image', image: ASSET })
    rawMap(doc, nested!).set('crop', new Y.Map())
    expect(readItem(doc, nested!)!.crop).toBeUndefined()
    expect(readItems(doc).invalid).toBe(0)
    // a crop belongs to images only: dropped elsewhere
    const [rect] = add(doc, { type: 'rect' })
    rawMap(doc, rect!).set('crop', { x: 0, y: 0, width: 0.5, height: 0.5 })
    expect(readItem(doc, rect!)!.crop).toBeUndefined()
  })

  it('a crop is one update (and undoable field), cleared with null; a bad patch is refused whole with a clear error', () => {
    const doc = newDoc()
    const [img, rect] = add(doc, { type: 'image', image: ASSET, width: 200, height: 100 }, { type: 'rect' })
    must(updateItems(doc, [{ id: img!, patch: { x: 50, width: 150, crop: { x: 0.25, y: 0, width: 0.75, height: 1 } } }]))
    expect(readItem(doc, img!)).toMatchObject({ x: 50, width: 150, crop: { x: 0.25, y: 0, width: 0.75, height: 1 } })
    const r = updateItems(doc, [{ id: img!, patch: { x: 0, crop: { x: 0.5, y: 0, width: 0.75, height: 1 } } }])
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/crop.*inside the image/)
    expect(readItem(doc, img!)!.x).toBe(50) // nothing of the bad patch was written
    const onRect = updateItems(doc, [{ id: rect!, patch: { crop: { x: 0, y: 0, width: 0.5, height: 0.5 } } }])
    expect(!onRect.ok && onRect.message).toMatch(/crop: not a field of this item type/)
    must(updateItems(doc, [{ id: img!, patch: { crop: null } }]))
    expect(readItem(doc, img!)!.crop).toBeUndefined()
  })

  it('a scene file (JSON import) keeps a valid crop and drops a malformed one with the image kept', () => {
    const base = { pageId: 'p', rotation: 0, fill: 'transparent', stroke: 'transparent', strokeWidth: 0, opacity: 1, x: 0, y: 0, width: 10, height: 10, image: ASSET }
    const scene = must(
      parseScene({
        format: 'tessera-scene',
        version: 1,
        title: 't',
        pages: [{ id: 'p', name: 'P', index: 'a0' }],
        items: [
          { ...base, id: 'ok', type: 'image', index: 'a0', crop: { x: 0, y: 0.5, width: 1, height: 0.5 } },
          { ...base, id: 'bad', type: 'image', index: 'a1', crop: { x: 2, y: 0, width: 1, height: 1 } },
        ],
      }),
    )
    expect(scene.items.find((i) => i.id === 'ok')!.crop).toEqual({ x: 0, y: 0.5, width: 1, height: 0.5 })
    const bad = scene.items.find((i) => i.id === 'bad')!
    expect(bad.crop).toBeUndefined()
    expect(bad.type).toBe('image')
  })
})

describe('image crop: the handles', () => {
  const img: Croppable = { x: 0, y: 0, width: 200, height: 100, rotation: 0 }

  it('dragging the left edge in trims the image there; the picture itself does not move', () => {
    const r = cropTo(img, 'w', { x: 50, y: 40 }, { x: 0, y: 50 })
    expect(r).toEqual({ x: 50, y: 0, width: 150, height: 100, crop: { x: 0.25, y: 0, width: 0.75, height: 1 } })
    expect(sourceCorners(after(img, r))).toEqual(sourceCorners(img))
  })

  it('a corner trims two sides; dragging back out uncovers up to the image’s own edge and no further', () => {
    const r = cropTo(img, 'se', { x: 150, y: 80 }, { x: 200, y: 100 })
    expect(r.crop).toEqual({ x: 0, y: 0, width: 0.75, height: 0.8 })
    const cropped = after(img, r)
    const back = cropTo(cropped, 'se', { x: 900, y: 900 }, { x: 150, y: 80 })
    expect(back).toMatchObject({ x: 0, y: 0, width: 200, height: 100, crop: null }) // whole again: no crop stored
  })

  it('an edge cannot pass the opposite one: a sliver of the image stays', () => {
    const r = cropTo(img, 'e', { x: -500, y: 50 }, { x: 200, y: 50 })
    expect(r.width).toBeGreaterThan(0)
    expect(r.crop!.width).toBeGreaterThan(0)
  })

  it('dragging inside slides the picture under the visible window, clamped to the picture', () => {
    const cropped = after(img, cropTo(img, 'w', { x: 100, y: 0 }, { x: 0, y: 0 })) // right half shown
    const r = cropTo(cropped, 'move', { x: 150, y: 50 }, { x: 130, y: 50 }) // picture 20 to the right
    expect(r).toMatchObject({ x: 100, y: 0, width: 100, height: 100 })
    expect(r.crop!.x).toBeCloseTo(0.4, 9)
    expect(cropTo(cropped, 'move', { x: 1000, y: 50 }, { x: 130, y: 50 }).crop!.x).toBe(0) // the picture's left edge at most
  })

  it('a rotated image is trimmed along its own sides, its picture staying in place', () => {
    const rot: Croppable = { x: 100, y: 100, width: 200, height: 100, rotation: 90 }
    // its top edge runs down from (100,100); its left side is the scene's upper side, at y = 100
    const r = cropTo(rot, 'w', { x: 50, y: 160 }, { x: 50, y: 100 })
    expect(r.crop!.x).toBeCloseTo(0.3, 9)
    const c = sourceCorners(after(rot, r))
    sourceCorners(rot).forEach((v, i) => expect(c[i]).toBeCloseTo(v, 9))
  })

  it('“Show whole” puts the whole picture back where it lies', () => {
    const cropped = after(img, cropTo(img, 'nw', { x: 40, y: 30 }, { x: 0, y: 0 }))
    const p = uncroppedPatch(cropped)
    expect(p.crop).toBeNull()
    expect(p.x).toBeCloseTo(0, 9)
    expect(p.y).toBeCloseTo(0, 9)
    expect(p.width).toBeCloseTo(200, 9)
    expect(p.height).toBeCloseTo(100, 9)
  })
})

describe('image crop: export and import', () => {
  it('SVG (and so PNG) export draws only the cropped part, stretched to the item box', () => {
    const it: Item = { id: 'i', type: 'image', pageId: 'p', index: 'a0', x: 10, y: 20, width: 150, height: 100, rotation: 0, opacity: 1, fill: 'transparent', stroke: 'transparent', strokeWidth: 0, image: ASSET, crop: { x: 0.25, y: 0, width: 0.75, height: 1 } }
    const { svg } = exportSvg([it])
    expect(svg).toContain('<svg width="150" height="100" viewBox="0.25 0 0.75 1" preserveAspectRatio="none" overflow="hidden"><image href="asset:' + ASSET + '" width="1" height="1" preserveAspectRatio="none"/></svg>')
    const { svg: whole } = exportSvg([{ ...it, crop: undefined }])
    expect(whole).toContain(`<image href="asset:${ASSET}" width="150" height="100" preserveAspectRatio="none"/>`)
  })

  it('Excalidraw’s crop (source pixels) and tldraw’s (fractions) become the same crop; an unreadable one shows the image whole and is reported', () => {
    const ex = must(
      convertExcalidraw(
        {
          type: 'excalidraw',
          elements: [
            { id: 'c', type: 'image', x: 0, y: 0, width: 150, height: 50, fileId: 'f', crop: { x: 100, y: 0, width: 300, height: 100, naturalWidth: 400, naturalHeight: 200 } },
            { id: 'bad', type: 'image', x: 0, y: 0, width: 150, height: 50, fileId: 'f', crop: { x: 100, y: 0, width: 300, height: 100 } },
          ],
          files: { f: { id: 'f', mimeType: 'image/png', dataURL: PNG_URL } },
        },
        'page-1',
      ),
    )
    const byEx = new Map(ex.scene.items.map((i) => [i.id, i]))
    expect(byEx.get('c')).toMatchObject({ width: 150, height: 50, crop: { x: 0.25, y: 0, width: 0.75, height: 0.5 } })
    expect(byEx.get('bad')!.crop).toBeUndefined()
    expect(ex.skipped).toEqual({ 'image crop (shown whole)': 1 })

    const shape = (id: string, crop: unknown) => ({ id, typeName: 'shape', type: 'image', x: 0, y: 0, rotation: 0, index: 'a1', parentId: 'page:p', opacity: 1, props: { w: 150, h: 50, assetId: 'asset:a', crop } })
    const tl = must(
      convertTldraw(
        {
          tldrawFileFormatVersion: 1,
          records: [
            { id: 'page:p', typeName: 'page', name: 'P', index: 'a1' },
            { id: 'asset:a', typeName: 'asset', type: 'image', props: { src: PNG_URL, mimeType: 'image/png', w: 400, h: 200 } },
            shape('shape:c', { topLeft: { x: 0.25, y: 0 }, bottomRight: { x: 1, y: 0.5 } }),
            shape('shape:whole', { topLeft: { x: 0, y: 0 }, bottomRight: { x: 1, y: 1 } }),
            shape('shape:bad', { topLeft: { x: 0.9, y: 0 }, bottomRight: { x: 0.1, y: 1 } }),
          ],
        },
        'page-1',
      ),
    )
    const byTl = new Map(tl.scene.items.map((i) => [i.id, i]))
    expect(byTl.get('shape:c')!.crop).toEqual({ x: 0.25, y: 0, width: 0.75, height: 0.5 })
    expect(byTl.get('shape:whole')!.crop).toBeUndefined()
    expect(byTl.get('shape:bad')!.crop).toBeUndefined()
    expect(tl.skipped).toEqual({ 'image crop (shown whole)': 1 })
  })
})
