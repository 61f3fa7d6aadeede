import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { addPage, addRect, camera, openAs, presenceNodes, text } from './helpers'

const ANN = { name: 'Ann Archer', color: '#e03131' }
const BEN = { name: 'Ben Baker', color: '#1971c2' }
const CAT = { name: 'Cat Cooper', color: '#2f9e44' }

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page
let aId: number
let bId: number
const room = 'presence-e2e'

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
  browser = await launchBrowser()
  const A = await openAs(browser, server.url, room, ANN.name, ANN.color)
  const B = await openAs(browser, server.url, room, BEN.name, BEN.color)
  contexts.push(A.context, B.context)
  ;[a, b, aId, bId] = [A.page, B.page, A.clientId, B.clientId]
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

describe('presence between two browsers', () => {
  it('shows A’s cursor in B with A’s name at the right scene position, under B’s own zoom', async () => {
    await b.evaluate(() => window.__tessera!.store.setCamera({ x: 40, y: -30, zoom: 2 }))
    await a.mouse.move(400, 300)
    await a.mouse.move(420, 330, { steps: 4 })
    const pointer = await a.evaluate(() => window.__tessera!.store.get().pointer)
    expect(pointer).not.toBeNull()
    const cursor = await waitFor(
      async () => {
        const c = (await presenceNodes(b, 'presence-cursor')).find((n) => n.id === `cursor-${aId}`)
        return c && Math.abs(c.x - pointer!.x) < 0.11 && Math.abs(c.y - pointer!.y) < 0.11 ? c : null
      },
      { message: 'A’s cursor at A’s pointer in B' },
    )
    expect(cursor!.label).toBe(ANN.name)
    expect(cursor!.scale).toBeCloseTo(0.5) // constant screen size at zoom 2
    // and B's own cursor is not drawn in B
    expect((await presenceNodes(b, 'presence-cursor')).some((n) => n.id === `cursor-${bId}`)).toBe(false)
    await b.mouse.move(700, 500)
    await b.mouse.move(720, 520, { steps: 3 })
    await waitFor(async () => (await presenceNodes(a, 'presence-cursor')).some((n) => n.id === `cursor-${bId}` && n.label === BEN.name), { message: 'B’s cursor in A' })
    await b.screenshot({ path: '/tmp/tessera-presence-cursors-b.png' })
  })

  it('hides a cursor that stopped moving (~5 s) and shows it again on the next move', async () => {
    await a.mouse.move(500, 500, { steps: 3 })
    await waitFor(async () => (await presenceNodes(b, 'presence-cursor')).some((n) => n.id === `cursor-${aId}`), { message: 'cursor shown' })
    await waitFor(async () => !(await presenceNodes(b, 'presence-cursor')).some((n) => n.id === `cursor-${aId}`), { timeout: 10_000, message: 'idle cursor hidden' })
    await a.mouse.move(520, 510, { steps: 3 })
    await waitFor(async () => (await presenceNodes(b, 'presence-cursor')).some((n) => n.id === `cursor-${aId}`), { message: 'cursor back' })
  })

  it('outlines A’s selection in A’s colour at B', async () => {
    await addRect(a, 'rect-sel', { x: 0, y: 0 })
    await a.evaluate(() => window.__tessera!.store.setSelection(['rect-sel']))
    const outline = await waitFor(async () => (await presenceNodes(b, 'presence-selection')).find((n) => n.id === `sel-${aId}-rect-sel`), { message: 'selection outline in B' })
    expect(outline!.stroke).toBe(ANN.color)
    expect([outline!.x, outline!.y]).toEqual([0, 0])
    await a.evaluate(() => window.__tessera!.store.setSelection([]))
    await waitFor(async () => !(await presenceNodes(b, 'presence-selection')).some((n) => n.id === `sel-${aId}-rect-sel`), { message: 'outline removed' })
  })

  it('lists both users; a third joins and leaves with toasts', async () => {
    await waitFor(async () => (await a.getByTestId(`user-avatar-${bId}`).count()) === 1, { message: 'B in A’s list' })
    expect(await b.getByTestId(`user-avatar-${aId}`).getAttribute('title')).toContain(ANN.name)
    expect(await b.getByTestId(`user-avatar-${aId}`).getAttribute('title')).toContain('Page 1')
    expect(await text(b, `user-avatar-${aId}`)).toBe('AA')
    const C = await openAs(browser, server.url, room, CAT.name, CAT.color)
    await waitFor(async () => (await a.getByTestId(`user-avatar-${C.clientId}`).count()) === 1, { message: 'C in A’s list' })
    await waitFor(async () => (await a.getByTestId('toast').allTextContents()).includes(`${CAT.name} joined`), { message: 'join toast' })
    await C.page.mouse.move(600, 600)
    await C.page.mouse.move(620, 610, { steps: 3 })
    await waitFor(async () => (await presenceNodes(a, 'presence-cursor')).some((n) => n.id === `cursor-${C.clientId}` && n.label === CAT.name), { message: 'C’s cursor at A' })
    await C.context.close()
    await waitFor(async () => (await a.getByTestId(`user-avatar-${C.clientId}`).count()) === 0, { message: 'C gone from A’s list' })
    expect((await presenceNodes(a, 'presence-cursor')).some((n) => n.id === `cursor-${C.clientId}`)).toBe(false)
    await waitFor(async () => (await a.getByTestId('toast').allTextContents()).includes(`${CAT.name} left`), { message: 'leave toast' })
  })

  it('follows: B tracks A’s pan and page switch until B interacts', async () => {
    await b.getByTestId(`user-avatar-${aId}`).click()
    await waitFor(async () => (await text(b, 'follow-banner-text')) === `Following ${ANN.name}`, { message: 'follow banner' })
    // B's presence says whom B follows once it has crossed the server to A
    await waitFor(async () => (await a.evaluate((id) => (window.__tessera!.conn.awareness.getStates().get(id) as { following?: number } | undefined)?.following ?? null, bId)) === aId, { message: 'A sees that B follows A' })
    await a.mouse.move(640, 400)
    await a.mouse.wheel(120, 80)
    const target = await waitFor(async () => {
      const c = await camera(a)
      return c.x !== 0 || c.y !== 0 ? c : null
    })
    await waitFor(async () => JSON.stringify(await camera(b)) === JSON.stringify({ ...target!, x: Math.round(target!.x * 10) / 10, y: Math.round(target!.y * 10) / 10 }), { message: 'B’s camera = A’s' })
    await addPage(a, 'page-2', 'Second page')
    await a.evaluate(() => window.__tessera!.store.setPage('page-2'))
    await waitFor(async () => (await camera(b)).pageId === 'page-2', { message: 'B on page 2' })
    // B's own input ends follow mode
    await b.mouse.move(640, 400)
    await b.mouse.wheel(0, 50)
    await waitFor(async () => (await b.getByTestId('follow-banner').count()) === 0, { message: 'banner gone' })
    await a.evaluate(() => window.__tessera!.store.setCamera({ x: 999, y: 999, zoom: 1 }))
    await a.evaluate(() => window.__tessera!.store.setPage('page-1'))
    // give the update time to arrive, then check B stayed put
    await waitFor(async () => (await b.evaluate((id) => (window.__tessera!.conn.awareness.getStates().get(id) as { viewport: { x: number } }).viewport.x, aId)) === 999)
    expect((await camera(b)).pageId).toBe('page-2')
  })

  it('spotlight: everyone follows the presenter until they leave', async () => {
    await b.evaluate(() => window.__tessera!.store.setPage('page-1'))
    await a.getByTestId('user-menu').click()
    await a.getByTestId('spotlight-toggle').click()
    await waitFor(async () => (await text(b, 'follow-banner-text')) === `${ANN.name} is presenting`, { message: 'presenting banner at B' })
    expect(await a.getByTestId('follow-banner').getAttribute('data-mode')).toBe('presenting')
    await a.evaluate(() => window.__tessera!.store.setCamera({ x: -250, y: 125, zoom: 1.5 }))
    await waitFor(async () => {
      const c = await camera(b)
      return c.x === -250 && c.y === 125 && c.zoom === 1.5
    }, { message: 'B follows the presenter' })
    await b.screenshot({ path: '/tmp/tessera-presence-spotlight-b.png' })
    await b.getByTestId('follow-stop').click() // "Leave"
    await waitFor(async () => (await b.getByTestId('follow-banner').count()) === 0, { message: 'left the presentation' })
    await a.evaluate(() => window.__tessera!.store.setCamera({ x: 0, y: 0, zoom: 1 }))
    await waitFor(async () => (await b.evaluate((id) => (window.__tessera!.conn.awareness.getStates().get(id) as { viewport: { zoom: number } }).viewport.zoom, aId)) === 1)
    expect((await camera(b)).zoom).toBeCloseTo(1.5, 6)
    await a.getByTestId('follow-stop').click() // "Stop presenting"
    await waitFor(async () => (await a.getByTestId('follow-banner').count()) === 0, { message: 'presenting ended' })
  })

  it('chat: message reaches B with an unread badge; a late joiner sees the history', async () => {
    await a.getByTestId('chat-toggle').click()
    await a.getByTestId('chat-input').fill('Hello from Ann')
    await a.getByTestId('chat-input').press('Enter')
    expect(await a.getByTestId('chat-input').inputValue()).toBe('')
    await waitFor(async () => (await text(b, 'chat-unread')) === '1', { message: 'unread badge at B' })
    await b.getByTestId('chat-toggle').click()
    await waitFor(async () => (await b.getByTestId('chat-message').allTextContents()).some((t) => t.includes('Hello from Ann') && t.includes(ANN.name)))
    expect(await b.getByTestId('chat-unread').count()).toBe(0)
    // typing in chat must not trigger canvas shortcuts
    const tool = await b.evaluate(() => window.__tessera!.store.get().tool)
    await b.getByTestId('chat-input').fill('')
    await b.getByTestId('chat-input').type('rectangle')
    await b.getByTestId('chat-input').press('Enter')
    expect(await b.evaluate(() => window.__tessera!.store.get().tool)).toBe(tool)
    await a.mouse.move(300, 250)
    await a.mouse.move(330, 270, { steps: 3 })
    await waitFor(async () => (await presenceNodes(b, 'presence-cursor')).some((n) => n.id === `cursor-${aId}`))
    await b.screenshot({ path: '/tmp/tessera-presence-chat-b.png' })
    const C = await openAs(browser, server.url, room, CAT.name, CAT.color)
    contexts.push(C.context)
    await C.page.getByTestId('chat-toggle').click()
    await waitFor(async () => (await C.page.getByTestId('chat-message').count()) === 2, { message: 'history at C' })
    const all = await C.page.getByTestId('chat-message').allTextContents()
    expect(all[0]).toContain('Hello from Ann')
    expect(all[1]).toContain('rectangle')
  })

  it('editing your name and colour updates what others see and is remembered', async () => {
    await a.getByTestId(`user-avatar-${aId}`).click()
    await a.getByTestId('identity-name').fill('Annie')
    await a.getByTestId('identity-color-9c36b5').click()
    await a.getByTestId('identity-save').click()
    await waitFor(async () => ((await b.getByTestId(`user-avatar-${aId}`).getAttribute('title')) ?? '').startsWith('Annie'), { message: 'new name at B' })
    expect(await a.evaluate(() => JSON.parse(localStorage.getItem('tessera.identity') ?? 'null'))).toEqual({ name: 'Annie', color: '#9c36b5' })
  })
})
