import { describe, expect, it } from 'vitest'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from './fixture'
import { drag, itemField, toScreen } from './helpers'

// Two browser contexts (A and B) on one board of the real server; a Node client seeds each room.
const boards = useBoards('core')

/** A fresh room with two 120×80 rects at (-200, -100) and (100, -100) and a sticky at (-50, 80). */
async function seedRoom(): Promise<{ room: string; a: string; b: string; s: string }> {
  const { room, ids } = await boards.seedRoom([
    { type: 'rect', pageId: 'page-1', x: -200, y: -100, width: 120, height: 80, fill: '#dbeafe', stroke: '#1d4ed8' },
    { type: 'rect', pageId: 'page-1', x: 100, y: -100, width: 120, height: 80, fill: '#dcfce7', stroke: '#15803d' },
    { type: 'sticky', pageId: 'page-1', x: -50, y: 80, width: 160, height: 160, text: 'hi' },
  ])
  const [a, b, s] = ids as [string, string, string]
  return { room, a, b, s }
}

const open = (room: string) => boards.open(room, 3)

describe('editor core in the browser', () => {
  it('moving an item with the select tool in A shows up in B', async () => {
    const { room, a } = await seedRoom()
    const [pa, pb] = [await open(room), await open(room)]
    const from = await toScreen(pa, { x: -140, y: -60 })
    await drag(pa, from, { x: from.x + 150, y: from.y + 40 })
    expect(await pa.evaluate(() => window.__tessera!.store.get().selection)).toEqual([a])
    // snapping may adjust the end point by a few pixels; the item moved right and down
    // the drag writes its intermediate positions too, so wait for B to reach A's final one
    const [xa, ya] = [await itemField(pa, a, 'x'), await itemField(pa, a, 'y')]
    expect(xa as number).toBeGreaterThan(-100)
    expect(ya as number).toBeGreaterThan(-80)
    await waitFor(async () => (await itemField(pb, a, 'x')) === xa && (await itemField(pb, a, 'y')) === ya, {
      timeout: 5_000,
      message: 'B ends where A dropped the item',
    })
    // one undo step for the whole drag
    await pa.evaluate(() => window.__tessera!.undo.undo())
    await waitFor(async () => (await itemField(pb, a, 'x')) === -200, { timeout: 5_000, message: 'B sees the undo' })
  })

  it('resizing with a transformer handle propagates', async () => {
    const { room, b } = await seedRoom()
    const [pa, pb] = [await open(room), await open(room)]
    const centre = await toScreen(pa, { x: 160, y: -60 })
    await pa.mouse.click(centre.x, centre.y)
    expect(await pa.evaluate(() => window.__tessera!.store.get().selection)).toEqual([b])
    await pa.waitForTimeout(100) // the transformer attaches on the next animation frame
    const corner = await toScreen(pa, { x: 220, y: -20 }) // bottom-right anchor (plus 2 px padding)
    await drag(pa, { x: corner.x + 2, y: corner.y + 2 }, { x: corner.x + 62, y: corner.y + 42 })
    await waitFor(async () => ((await itemField(pb, b, 'width')) as number) > 150, { timeout: 5_000, message: 'B sees the resize' })
    expect(await itemField(pb, b, 'width')).toBeCloseTo(180, 0)
    expect(await itemField(pb, b, 'height')).toBeCloseTo(120, 0)
    expect(await itemField(pb, b, 'x')).toBeCloseTo(100, 0)
  })

  it('deleting the selected item with the Delete key propagates', async () => {
    const { room, s } = await seedRoom()
    const [pa, pb] = [await open(room), await open(room)]
    const p = await toScreen(pa, { x: 30, y: 160 })
    await pa.mouse.click(p.x, p.y)
    expect(await pa.evaluate(() => window.__tessera!.store.get().selection)).toEqual([s])
    await pa.keyboard.press('Delete')
    await waitFor(async () => (await itemField(pb, s, 'type')) === undefined, { timeout: 5_000, message: 'B sees the delete' })
  })

  it("undo in A reverts only A's change, not B's", async () => {
    const { room, a, b } = await seedRoom()
    const [pa, pb] = [await open(room), await open(room)]
    const fa = await toScreen(pa, { x: -140, y: -60 })
    await drag(pa, fa, { x: fa.x, y: fa.y + 200 })
    const fb = await toScreen(pb, { x: 160, y: -60 })
    await drag(pb, fb, { x: fb.x, y: fb.y + 200 })
    await waitFor(async () => ((await itemField(pa, b, 'y')) as number) > 0, { timeout: 5_000, message: "A sees B's move" })
    await pa.evaluate(() => window.__tessera!.undo.undo())
    await waitFor(async () => (await itemField(pb, a, 'y')) === -100, { timeout: 5_000, message: "B sees A's undo" })
    expect((await itemField(pa, b, 'y')) as number).toBeGreaterThan(0)
    expect((await itemField(pb, b, 'y')) as number).toBeGreaterThan(0)
  })

  it('marquee selects the items it touches', async () => {
    const { room, a, b, s } = await seedRoom()
    const pa = await open(room)
    const from = await toScreen(pa, { x: -260, y: -160 })
    const to = await toScreen(pa, { x: 140, y: -40 })
    await drag(pa, from, to)
    const sel = await pa.evaluate(() => [...window.__tessera!.store.get().selection].sort())
    expect(sel).toEqual([a, b].sort())
    expect(sel).not.toContain(s)
    expect(await pa.evaluate(() => window.__tessera!.store.get().brush)).toBeNull()
  })

  it('Ctrl+wheel zooms around the pointer; a plain wheel pans', async () => {
    const { room } = await seedRoom()
    const pa = await open(room)
    const pointer = { x: 900, y: 250 }
    const sceneAt = () =>
      pa.evaluate(([px, py]) => {
        const { camera: c, viewportSize: v } = window.__tessera!.store.get()
        return { x: (px - v.width / 2) / c.zoom + c.x, y: (py - v.height / 2) / c.zoom + c.y, zoom: c.zoom }
      }, [pointer.x, pointer.y] as const)
    const before = await sceneAt()
    await pa.mouse.move(pointer.x, pointer.y)
    await pa.keyboard.down('Control')
    await pa.mouse.wheel(0, -100)
    await pa.keyboard.up('Control')
    await waitFor(async () => (await sceneAt()).zoom > 1, { message: 'zoomed in' })
    const after = await sceneAt()
    expect(after.x).toBeCloseTo(before.x, 3)
    expect(after.y).toBeCloseTo(before.y, 3)
    const cam0 = await pa.evaluate(() => window.__tessera!.store.get().camera)
    await pa.mouse.wheel(0, 120)
    await waitFor(async () => (await pa.evaluate(() => window.__tessera!.store.get().camera.y)) > cam0.y, { message: 'panned' })
  })
})
