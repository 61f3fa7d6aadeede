import type { Browser, BrowserContext, Page } from 'playwright-core'
import { openBoard } from '../../helpers/app'

/** Opens a board as a user with a fixed identity (pre-seeded in localStorage, as a returning visitor). */
export async function openAs(browser: Browser, url: string, room: string, name: string, color: string): Promise<{ context: BrowserContext; page: Page; clientId: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(
    ([n, c]) => localStorage.setItem('tessera.identity', JSON.stringify({ name: n, color: c })),
    [name, color] as const,
  )
  const { page } = await openBoard(browser, url, room, { context })
  await page.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 15_000 })
  const clientId = await page.evaluate(() => window.__tessera!.conn.awareness.clientID)
  return { context, page, clientId }
}

/** Konva nodes of the presence layer, read through the global Konva instance. */
export interface NodeInfo {
  id: string
  x: number
  y: number
  scale: number
  label: string | null
  stroke: string | null
}

export function presenceNodes(page: Page, name: 'presence-cursor' | 'presence-selection'): Promise<NodeInfo[]> {
  return page.evaluate((nodeName) => {
    type KNode = {
      id(): string
      x(): number
      y(): number
      scaleX(): number
      findOne(sel: string): { text?: () => string; stroke?: () => string } | undefined
    }
    const K = (window as unknown as { Konva: { stages: { find(sel: string): KNode[] }[] } }).Konva
    const stage = K.stages[0]
    if (!stage) return []
    return stage.find('.' + nodeName).map((n) => {
      const label = n.findOne('.presence-cursor-label')
      const rect = n.findOne('Rect')
      return { id: n.id(), x: n.x(), y: n.y(), scale: n.scaleX(), label: label?.text ? label.text() : null, stroke: rect?.stroke ? rect.stroke() : null }
    })
  }, name)
}

/** Adds a rectangle straight into the shared document (constructors borrowed from the live doc). */
export function addRect(page: Page, id: string, at: { x: number; y: number; pageId?: string }): Promise<void> {
  return page.evaluate(
    ([itemId, x, y, pageId]) => {
      const doc = window.__tessera!.doc
      const items = doc.getMap('items')
      const YMap = items.constructor as new () => typeof items
      doc.transact(() => {
        const m = new YMap()
        items.set(itemId, m)
        const fields: Record<string, unknown> = { type: 'rect', pageId, x, y, width: 120, height: 80, rotation: 0, index: 'a0', fill: '#a5d8ff', stroke: '#1971c2', strokeWidth: 2, opacity: 1 }
        for (const [k, v] of Object.entries(fields)) m.set(k, v)
      })
    },
    [id, at.x, at.y, at.pageId ?? 'page-1'] as const,
  )
}

export function addPage(page: Page, id: string, name: string): Promise<void> {
  return page.evaluate(
    ([pageId, pageName]) => {
      const doc = window.__tessera!.doc
      const pages = doc.getMap('pages')
      const YMap = pages.constructor as new () => typeof pages
      doc.transact(() => {
        const m = new YMap()
        pages.set(pageId, m)
        m.set('name', pageName)
        m.set('index', 'a5')
      })
    },
    [id, name] as const,
  )
}

export const camera = (page: Page) => page.evaluate(() => ({ ...window.__tessera!.store.get().camera, pageId: window.__tessera!.store.get().pageId }))
export const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? ''
