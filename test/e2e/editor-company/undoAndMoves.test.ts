// The two multi-user rows, as written: undo after a collaborator moved your item, and
// two people dragging one item at once (one only in x, the other only in y).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { drag, items, openTools, screenOf } from '../editor-tools/helpers'

// the browser's contexts close with it
const env = useServerAndBrowser()

async function open(room: string): Promise<Page> {
  const { page } = await openTools(env.browser, env.server.url, room)
  return page
}

const room = (name: string) => `company-${name}-${Date.now().toString(36)}`
const centre = (it: { x: number; y: number; width: number; height: number }) => [it.x + it.width / 2, it.y + it.height / 2] as const

describe('editing together', () => {
  it('A draws, waits, drags; B drags the same rect; A’s Ctrl+Z keeps the rect where B put it', async () => {
    const r = room('undo')
    const [pa, pb] = [await open(r), await open(r)]
    await pa.keyboard.press('r')
    await drag(pa, [500, 300], [620, 380])
    await pa.keyboard.press('v')
    await pa.waitForTimeout(2_000)
    const [drawn] = await items(pa)
    expect(drawn).toBeDefined()
    // A drags it
    const from = await screenOf(pa, ...centre(drawn!))
    await drag(pa, from, [from[0] + 100, from[1] + 60])
    const afterA = (await items(pa))[0]!
    await waitFor(async () => (await items(pb))[0]?.x === afterA.x, { timeout: 5_000, message: 'B sees A’s move' })
    // B drags the same rectangle
    const fromB = await screenOf(pb, ...centre(afterA))
    await drag(pb, fromB, [fromB[0] - 200, fromB[1] + 100])
    const afterB = (await items(pb))[0]!
    expect(afterB.x).not.toBe(afterA.x)
    await waitFor(async () => (await items(pa))[0]?.x === afterB.x, { timeout: 5_000, message: 'A sees B’s move' })
    // A presses Ctrl+Z once
    await pa.mouse.click(1100, 700) // focus the canvas (empty spot)
    await pa.keyboard.press('Control+z')
    await pa.waitForSelector('[data-testid="editor-toast"]', { timeout: 5_000 })
    expect(await pa.textContent('[data-testid="editor-toast"]')).toMatch(/others have changed/)
    await pa.waitForTimeout(500)
    for (const p of [pa, pb]) {
      const all = await items(p)
      expect(all).toHaveLength(1)
      expect([all[0]!.x, all[0]!.y]).toEqual([afterB.x, afterB.y])
    }
    // and a second Ctrl+Z (the creation) does not delete what B has moved either
    await pa.keyboard.press('Control+z')
    await pa.waitForTimeout(500)
    expect(await items(pb)).toHaveLength(1)
  })

  it('A moves a rect only in x while B moves it only in y at the same time: it ends where one of them dropped it', async () => {
    const r = room('xy')
    const [pa, pb] = [await open(r), await open(r)]
    await pa.keyboard.press('r')
    await drag(pa, [500, 300], [620, 380])
    await pa.keyboard.press('v')
    const [it] = await items(pa)
    await waitFor(async () => (await items(pb)).length === 1, { timeout: 5_000, message: 'B sees the rect' })
    const [ax, ay] = await screenOf(pa, ...centre(it!))
    const [bx, by] = await screenOf(pb, ...centre(it!))
    // both press, both move in steps, interleaved, both release (Ctrl: no snapping)
    await pa.mouse.move(ax, ay)
    await pb.mouse.move(bx, by)
    await pa.keyboard.down('Control')
    await pb.keyboard.down('Control')
    await pa.mouse.down()
    await pb.mouse.down()
    for (let i = 1; i <= 10; i++) {
      await pa.mouse.move(ax + i * 15, ay)
      await pb.mouse.move(bx, by + i * 12)
      await pa.waitForTimeout(60)
    }
    await pa.mouse.up()
    await pb.mouse.up()
    await pa.keyboard.up('Control')
    await pb.keyboard.up('Control')
    // where each pointer was released, in scene units (same camera on both pages)
    const [cx, cy] = centre(it!)
    const pointerA = [cx + 150, cy] as const
    const pointerB = [cx, cy + 120] as const
    await waitFor(
      async () => {
        const [xa, xb] = [(await items(pa))[0]!, (await items(pb))[0]!]
        return xa.x === xb.x && xa.y === xb.y
      },
      { timeout: 5_000, message: 'both pages agree' },
    )
    const end = (await items(pa))[0]!
    const under = ([px, py]: readonly [number, number]) => px >= end.x && px <= end.x + end.width && py >= end.y && py <= end.y + end.height
    // the sum of both moves, (x + 150, y + 120), would be under neither pointer
    expect(under(pointerA) || under(pointerB)).toBe(true)
    expect(end.x !== it!.x || end.y !== it!.y).toBe(true)
  })
})
