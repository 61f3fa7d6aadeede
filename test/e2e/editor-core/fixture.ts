import { afterAll, beforeAll } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { addItems, ensureDefaultPage, itemsMap, type ItemInit } from '../../../src/doc'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { launchBrowser } from '../../helpers/browser'
import { openBoard } from '../../helpers/app'
import { waitFor } from '../../helpers/waitFor'
import { waitRendered } from './helpers'

export interface Boards {
  readonly server: RunningServer
  readonly browser: Browser
  /** Node clients and browser contexts opened by the tests, closed after the file */
  readonly clients: Client[]
  readonly contexts: BrowserContext[]
  /** A fresh room holding `inits` (bottom first), written by a Node client and confirmed through a second one. */
  seedRoom(inits: ItemInit[]): Promise<{ room: string; ids: string[] }>
  /** Opens the room in a new context (or in `context`) and waits until `n` items are mounted. */
  open(room: string, n: number, context?: BrowserContext): Promise<Page>
}

/**
 * The set-up the editor's browser tests share: one real server (`--open`) and one headless
 * Chromium per test file, rooms seeded by Node clients, boards opened in their own contexts.
 * `prefix` names the rooms of the file.
 */
export function useBoards(prefix: string): Boards {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  const clients: Client[] = []
  const contexts: BrowserContext[] = []
  let seq = 0

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    for (const c of clients) c.destroy()
    await browser?.close()
    await server?.dispose()
  })

  const boards: Boards = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll')
      return server
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll')
      return browser
    },
    clients,
    contexts,
    async seedRoom(inits) {
      const room = `${prefix}-${Date.now().toString(36)}-${seq++}`
      const c = newClient(boards.server.wsUrl, room)
      clients.push(c)
      await synced(c.provider)
      ensureDefaultPage(c.doc)
      const r = addItems(c.doc, inits)
      if (!r.ok) throw new Error(r.message)
      const check = newClient(boards.server.wsUrl, room)
      clients.push(check)
      await synced(check.provider)
      await waitFor(() => itemsMap(check.doc).size === inits.length, { message: 'seeded items on the server' })
      return { room, ids: r.value }
    },
    async open(room, n, context) {
      const opened = await openBoard(boards.browser, boards.server.url, room, { context })
      contexts.push(opened.context)
      await waitRendered(opened.page, n)
      return opened.page
    },
  }
  return boards
}
