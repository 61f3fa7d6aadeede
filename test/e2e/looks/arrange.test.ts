import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { ANN, BEA, drawRect, items, openUser, screenOf } from './helpers'

const env = useServerAndBrowser()

const rects = async (p: Page) => (await items(p)).filter((i) => i.type === 'rect').sort((a, b) => a.y - b.y)

describe('arrange, lock, eraser, paste', () => {
  let a: Page
  let b: Page

  it('an empty board shows a hint; three drawn rects are aligned by keyboard and distributed by button, and the other person sees it', async () => {
    const room = 'arrange-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN, { permissions: ['clipboard-read', 'clipboard-write'] })
    const B = await openUser(env.browser, env.server.url, room, BEA)
    a = A.page
    b = B.page
    await waitFor(async () => (await a.getByTestId('empty-hint').count()) === 1, { message: 'empty hint' })
    await drawRect(a, [300, 150], [380, 200])
    await waitFor(async () => (await a.getByTestId('empty-hint').count()) === 0, { message: 'hint gone' })
    await drawRect(a, [500, 300], [620, 360])
    await drawRect(a, [420, 600], [460, 700])
    await waitFor(async () => (await rects(b)).length === 3, { message: 'three rects at Bea' })

    await a.keyboard.press('v')
    await a.keyboard.press('Control+a')
    await a.keyboard.press('Control+Shift+ArrowLeft')
    await waitFor(async () => new Set((await rects(b)).map((r) => Math.round(r.x))).size === 1, { message: 'aligned left at Bea' })
    await a.getByTestId('distribute-y').click()
    await waitFor(async () => {
      const [r1, r2, r3] = await rects(b)
      return Math.abs(r2!.y - (r1!.y + r1!.height) - (r3!.y - (r2!.y + r2!.height))) < 0.5
    }, { message: 'distributed at Bea' })
    await a.screenshot({ path: '/tmp/tessera-looks-arrange.png' })
    // each was one undo step
    await a.keyboard.press('Control+z')
    await a.keyboard.press('Control+z')
    await waitFor(async () => new Set((await rects(b)).map((r) => Math.round(r.x))).size === 3, { message: 'both undone at Bea' })
  })

  it('Shift+L locks a shape: it cannot be selected or erased; E erases others in one undo step; Shift+L with nothing selected unlocks', async () => {
    const [top, middle] = await rects(a)
    const click = async (r: { x: number; y: number; width: number; height: number }) => {
      const [x, y] = await screenOf(a, r.x + r.width / 2, r.y + r.height / 2)
      await a.mouse.click(x, y)
    }
    await a.keyboard.press('Escape')
    await click(top!)
    expect(await a.evaluate(() => window.__tessera!.store.get().selection)).toEqual([top!.id])
    await a.keyboard.press('Shift+L')
    await waitFor(async () => (await items(b)).find((i) => i.id === top!.id)?.locked === true, { message: 'locked at Bea' })
    await click(top!)
    expect(await a.evaluate(() => window.__tessera!.store.get().selection)).toEqual([])

    // the eraser sweeps over the locked one and the middle one
    await a.keyboard.press('e')
    const [x1, y1] = await screenOf(a, top!.x + top!.width / 2, top!.y + top!.height / 2)
    const [x2, y2] = await screenOf(a, middle!.x + middle!.width / 2, middle!.y + middle!.height / 2)
    await a.mouse.move(x1, y1)
    await a.mouse.down()
    await a.mouse.move(x2, y2, { steps: 12 })
    await a.mouse.up()
    await waitFor(async () => (await rects(b)).length === 2, { message: 'erased at Bea' })
    expect((await rects(b)).some((r) => r.id === top!.id)).toBe(true)
    expect((await rects(b)).some((r) => r.id === middle!.id)).toBe(false)
    await a.keyboard.press('Control+z')
    await waitFor(async () => (await rects(b)).length === 3, { message: 'eraser undone in one step' })

    await a.keyboard.press('v')
    await a.keyboard.press('Escape')
    await a.keyboard.press('Shift+L')
    await waitFor(async () => (await items(b)).find((i) => i.id === top!.id)?.locked === false, { message: 'unlocked at Bea' })
  })

  it('Ctrl+V twice at one spot puts the second copy a step further', async () => {
    const [, middle] = await rects(a)
    const sameSize = (i: { id: string; width: number }) => Math.abs(i.width - middle!.width) < 0.01 && i.id !== middle!.id
    const before = new Set((await rects(b)).filter(sameSize).map((i) => i.id))
    const selection = () => a.evaluate(() => window.__tessera!.store.get().selection)
    const [x, y] = await screenOf(a, middle!.x + middle!.width / 2, middle!.y + middle!.height / 2)
    // The test before ended with a pointer-up on this very spot (the eraser): a click there within
    // the double-click window (400 ms) is a double-click, which opens the shape's label editor.
    await a.waitForTimeout(500)
    await a.mouse.click(x, y)
    await waitFor(async () => JSON.stringify(await selection()) === JSON.stringify([middle!.id]), { message: 'middle selected' })
    expect(await a.evaluate(() => window.__tessera!.store.get().editingId)).toBeNull()
    await a.keyboard.press('Control+c')
    await a.mouse.move(900, 400)
    await a.keyboard.press('Control+v')
    // each paste selects what it made: wait for the first before the second
    await waitFor(async () => {
      const s = await selection()
      return s.length === 1 && s[0] !== middle!.id
    }, { message: 'first copy selected at Ann', timeout: 15_000 })
    await a.keyboard.press('Control+v')
    const copies = await waitFor(async () => {
      const r = (await rects(b)).filter((i) => sameSize(i) && !before.has(i.id))
      return r.length === 2 ? r.sort((p, q) => p.x - q.x) : null
    }, { message: 'two copies at Bea', timeout: 15_000 })
    expect(copies![1]!.x - copies![0]!.x).toBeCloseTo(16, 3)
    expect(copies![1]!.y - copies![0]!.y).toBeCloseTo(16, 3)
  })
})
