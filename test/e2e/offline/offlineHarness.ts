import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { waitFor } from '../../helpers/waitFor'

/**
 * A browser context whose network can really be cut.
 *
 * `context.setOffline(true)` alone is not enough in Chromium: it fails new HTTP requests and
 * flips `navigator.onLine`, but an already-open WebSocket keeps working. So every WebSocket of
 * the context goes through `routeWebSocket`: while online it is connected to the real server
 * (playwright relays the frames unchanged); going offline closes every relayed socket from the
 * server side and refuses new ones until the network is back. The app itself never gets a
 * hand-made disconnect: it sees the socket drop and its reconnect attempts fail, as on a real
 * outage.
 */
export interface CuttableContext {
  context: BrowserContext
  goOffline(): Promise<void>
  goOnline(): Promise<void>
}

export async function cuttableContext(browser: Browser): Promise<CuttableContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
  await installPageHelpers(context)
  let cut = false
  const live = new Set<WebSocketRoute>()
  await context.routeWebSocket(
    () => true,
    (ws) => {
      if (cut) {
        void ws.close({ code: 1001, reason: 'network cut by test' })
        return
      }
      ws.connectToServer()
      live.add(ws)
      ws.onClose(() => live.delete(ws))
    },
  )
  return {
    context,
    async goOffline() {
      cut = true
      await context.setOffline(true)
      for (const ws of [...live]) await ws.close({ code: 1001, reason: 'network cut by test' })
      live.clear()
    },
    async goOnline() {
      cut = false
      await context.setOffline(false)
    },
  }
}

/** One JSON-able item field value. */
export type Field = string | number | boolean

declare global {
  interface Window {
    __offlineTest?: {
      addItem(id: string, fields: Record<string, Field>, text?: string): void
      setFields(id: string, fields: Record<string, Field>): void
      insertText(id: string, index: number, s: string): void
      removeItem(id: string): void
      items(): Record<string, unknown>
    }
  }
}

/**
 * Page-side helpers that edit `window.__tessera.doc` through the plain Y.Map / Y.Text API
 * (nothing is imported into the page: the Y constructors are taken from the doc's own types).
 * Each edit is one transaction, like the app's scene ops.
 */
export async function installPageHelpers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type YMapLike = { set(k: string, v: unknown): void; get(k: string): unknown; delete(k: string): void; toJSON(): Record<string, unknown> }
    type DocLike = { getMap(n: string): YMapLike; getText(n: string): object; transact(f: () => void, origin?: unknown): void }
    const doc = (): DocLike => {
      const h = (window as unknown as { __tessera?: { doc: DocLike } }).__tessera
      if (!h) throw new Error('board not mounted')
      return h.doc
    }
    const origin = { source: 'local' }
    window.__offlineTest = {
      addItem(id, fields, text) {
        const d = doc()
        const YMap = d.getMap('items').constructor as new () => YMapLike
        const YText = d.getText('__offline_test_probe').constructor as new (s?: string) => object
        d.transact(() => {
          const m = new YMap()
          d.getMap('items').set(id, m)
          for (const [k, v] of Object.entries(fields)) m.set(k, v)
          if (text !== undefined) m.set('text', new YText(text))
        }, origin)
      },
      setFields(id, fields) {
        const d = doc()
        const m = d.getMap('items').get(id) as YMapLike
        d.transact(() => {
          for (const [k, v] of Object.entries(fields)) m.set(k, v)
        }, origin)
      },
      insertText(id, index, s) {
        const d = doc()
        const m = d.getMap('items').get(id) as YMapLike
        const t = m.get('text') as { insert(i: number, s: string): void }
        d.transact(() => t.insert(index, s), origin)
      },
      removeItem(id) {
        const d = doc()
        d.transact(() => d.getMap('items').delete(id), origin)
      },
      items() {
        return doc().getMap('items').toJSON()
      },
    }
  })
}

/** A valid scene item (CONTRACT §3) of `type` at x, y. */
export function itemFields(type: 'rect' | 'ellipse' | 'sticky', x: number, y: number, index: string): Record<string, Field> {
  return {
    type,
    pageId: 'page-1',
    x,
    y,
    width: 120,
    height: 80,
    rotation: 0,
    index,
    fill: type === 'sticky' ? '#ffec99' : '#a5d8ff',
    stroke: '#1e1e1e',
    strokeWidth: 2,
    opacity: 1,
    ...(type === 'sticky' ? { fontSize: 18 } : {}),
  }
}

export async function openOn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(url)
  await waitForBoard(page)
  return page
}

export async function waitForBoard(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__tessera), null, { timeout: 20_000 })
}

/** Until the board's provider has synced with the server on its current connection. */
export async function waitSynced(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__tessera?.conn.provider.synced), null, { timeout: 20_000 })
}

export async function items(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => window.__offlineTest!.items())
}

/** The status indicator's text (presence UI), '' when it is not shown. */
export async function statusText(page: Page): Promise<string> {
  const el = page.getByTestId('status-text')
  return (await el.count()) > 0 ? ((await el.first().textContent()) ?? '') : ''
}

/** Waits until `page`'s items deep-equal `expected` (as JSON). */
export async function waitItemsEqual(page: Page, expected: () => Promise<Record<string, unknown>> | Record<string, unknown>, message: string): Promise<void> {
  await waitFor(async () => JSON.stringify(sortKeys(await items(page))) === JSON.stringify(sortKeys(await expected())), { timeout: 20_000, message })
}

/** Deterministic JSON for comparisons: object keys sorted recursively. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]))
  }
  return v
}

/**
 * Waits until the app-shell service worker controls the page (it is registered on load in production builds).
 * Call it before cutting the network of a freshly opened board: the board fetches some of its code
 * (the style panel, the overlay layer) at its first idle moment, and a cut before that fails the
 * import, which unmounts the whole board (blank page, no `window.__tessera`, never synced again).
 * Once the worker controls the page, that code comes from its precache. On a machine kept busy by
 * other tests the first idle moment comes late, so this race was lost there, not in a lone run.
 */
export async function waitServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 })
}

/** Number of update records in the board's local copy (IndexedDB `tessera:<room>`, store `updates`). */
export async function localUpdateCount(page: Page, dbName: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          const c = db.transaction('updates', 'readonly').objectStore('updates').count()
          c.onsuccess = () => {
            db.close()
            resolve(c.result)
          }
          c.onerror = () => reject(c.error)
        }
      }),
    dbName,
  )
}
