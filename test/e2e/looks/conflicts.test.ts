import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { ANN, BEA, drawRect, items, konvaNodes, openUser, screenOf } from './helpers'

const env = useServerAndBrowser()
const textOf = (page: Page, testId: string) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId)

describe('conflicts made visible', () => {
  it('while Bea drags a shape, Ann sees it outlined in Bea’s colour with her name; grabbing it too brings a notice; hovering names the last editor', async () => {
    const room = 'conflict-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN)
    const B = await openUser(env.browser, env.server.url, room, BEA)
    const a = A.page
    const b = B.page

    await drawRect(a, [400, 300], [560, 400])
    const rect = (await waitFor(async () => (await items(b)).find((i) => i.type === 'rect'), { message: 'rect at B' }))!
    expect(rect.updatedBy).toBe(ANN.name)

    // Bea presses on the rect and drags it without letting go
    const [cx, cy] = await screenOf(b, rect.x + rect.width / 2, rect.y + rect.height / 2)
    await b.mouse.move(cx, cy)
    await b.mouse.down()
    await b.mouse.move(cx + 40, cy + 20, { steps: 6 })
    const outline = await waitFor(async () => (await konvaNodes(a, 'presence-editing', 'presence-editing-label')).find((n) => n.id === `edit-${B.clientId}-${rect.id}`), {
      message: 'Bea’s editing outline at Ann',
    })
    expect(outline).toMatchObject({ label: BEA.name, stroke: BEA.color })
    await a.screenshot({ path: '/tmp/tessera-looks-conflict.png' })

    // Ann grabs the same rect: a gentle notice names Bea
    const [ax, ay] = await screenOf(a, rect.x + rect.width / 2, rect.y + rect.height / 2)
    await a.mouse.move(ax, ay)
    await a.mouse.down()
    await a.mouse.move(ax + 30, ay + 10, { steps: 4 })
    await waitFor(async () => (await textOf(a, 'editor-toast')).includes(`${BEA.name} is moving this too`), { message: 'notice at Ann' })
    await a.mouse.up()
    await b.mouse.up()
    await waitFor(async () => (await konvaNodes(a, 'presence-editing')).length === 0, { message: 'outline gone after release' })

    // Bea moves it once more; Ann rests the pointer on it and reads who edited it last
    const now = (await items(b)).find((i) => i.id === rect.id)!
    const [bx, by] = await screenOf(b, now.x + now.width / 2, now.y + now.height / 2)
    await b.mouse.move(bx, by)
    await b.mouse.down()
    await b.mouse.move(bx - 60, by + 30, { steps: 5 })
    await b.mouse.up()
    const moved = await waitFor(async () => {
      const it = (await items(a)).find((i) => i.id === rect.id)
      return it && it.updatedBy === BEA.name && Math.abs(it.x - (now.x - 60)) < 1 ? it : null
    }, { message: 'Bea’s move at Ann' })
    const [hx, hy] = await screenOf(a, moved!.x + moved!.width / 2, moved!.y + moved!.height / 2)
    await a.mouse.move(hx - 3, hy)
    await a.mouse.move(hx, hy, { steps: 2 })
    await waitFor(async () => (await textOf(a, 'edited-by')) === `last edited by ${BEA.name}`, { message: 'hint at Ann' })
    // moving off the item hides it
    await a.mouse.move(40, 700, { steps: 3 })
    await waitFor(async () => (await a.getByTestId('edited-by').count()) === 0, { message: 'hint hidden' })
  })
})
