import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addItems, DEFAULT_CAPTURE_TIMEOUT, ensureDefaultPage, getItemText, MAX_TEXT_LENGTH, removeItems, removePage, type ItemInit } from '../../../src/doc'
import { KEY_GUARD_PAUSE_MS } from '../../../src/canvas/keyGuard'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from '../editor-core/fixture'
import { drag, items, openTools, screenOf } from './helpers'

// Guards around editing: what the text editor does at the text limit, what keys do after the
// editor is closed under the user, where a paste lands after the camera moved.
const boards = useBoards('guards')

const CLIPBOARD = ['clipboard-read', 'clipboard-write']
const EDITOR = '[data-testid="text-editor"]'
const TOAST = '[data-testid="editor-toast"]'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const LIMITED = `limited to ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters`

/** Waits for the editor's toast to say `part` (and fails in a few seconds, not after Playwright's 30 s). */
async function toastSays(page: Page, part: string): Promise<void> {
  await waitFor(async () => (await page.locator(TOAST).allTextContents()).some((t) => t.includes(part)), { message: `a toast saying "${part}"` })
}

let rooms = 0

/**
 * A fresh room with `inits` in it, written by a Node client that stays in the room as "someone
 * else", and the room opened in a browser (tour dismissed) once it shows them.
 */
async function room(inits: ItemInit[] = [], permissions: string[] = []): Promise<{ page: Page; peer: Client }> {
  const name = `guards-${Date.now().toString(36)}-${rooms++}`
  const peer = newClient(boards.server.wsUrl, name)
  boards.clients.push(peer)
  await synced(peer.provider)
  ensureDefaultPage(peer.doc)
  if (inits.length > 0) {
    const r = addItems(peer.doc, inits)
    if (!r.ok) throw new Error(r.message)
  }
  const { context, page } = await openTools(boards.browser, boards.server.url, name, permissions)
  boards.contexts.push(context)
  await waitFor(async () => (await items(page)).length === inits.length, { message: 'the seeded items in the browser' })
  return { page, peer }
}

const textOn = (peer: Client, id: string): string | undefined => getItemText(peer.doc, id)?.toString()
const editorState = (page: Page) =>
  page.evaluate(() => {
    const s = window.__tessera!.store.get()
    return { tool: s.tool, editingId: s.editingId, pageId: s.pageId }
  })

/** A new sticky at (x, y) with `text` typed into it, as the peer sees it. */
async function typeSticky(page: Page, peer: Client, x: number, y: number, text: string): Promise<string> {
  await page.keyboard.press('n')
  await page.mouse.click(x, y)
  await page.waitForSelector(EDITOR)
  await page.keyboard.type(text)
  const id = (await editorState(page)).editingId
  if (!id) throw new Error('not editing the new sticky')
  await waitFor(() => textOn(peer, id) === text, { message: `"${text}" on the server` })
  return id
}

describe('the text editor at the text limit', () => {
  it('a paste past the limit is cut to fit, with a toast, and typing after it is saved', async () => {
    const { page, peer } = await room([], CLIPBOARD)
    const id = await typeSticky(page, peer, 640, 400, 'start ')
    // a big document from another app on the system clipboard
    await page.evaluate((t) => navigator.clipboard.writeText(t), 'lorem ipsum '.repeat(10_000))
    await page.keyboard.press('Control+v')
    // the textarea shows what was saved, nothing more
    await waitFor(async () => textOn(peer, id)?.length === MAX_TEXT_LENGTH, { message: 'a full note on the server' })
    expect(await page.inputValue(EDITOR)).toBe(textOn(peer, id))
    await toastSays(page, LIMITED)
    // and the user can go on: make room, type, and that is saved too
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace')
    await page.keyboard.type('END')
    await waitFor(() => textOn(peer, id)?.endsWith('END'), { message: 'typing after the paste on the server' })
    const saved = textOn(peer, id)!
    expect(saved.length).toBe(MAX_TEXT_LENGTH - 1)
    expect(saved.startsWith('start lorem ipsum')).toBe(true)
    expect(await page.inputValue(EDITOR)).toBe(saved)
  })

  it('an edit the doc refuses anyway is taken back, with a toast, and typing after it is saved', async () => {
    const { page, peer } = await room([], CLIPBOARD)
    const id = await typeSticky(page, peer, 640, 400, 'start ')
    // maxLength is the first line of defence only (it does not bind values set by script, or
    // text that merges grew past the limit): without it the doc's own check must hold
    await page.locator(EDITOR).evaluate((el) => el.removeAttribute('maxlength'))
    await page.evaluate((t) => navigator.clipboard.writeText(t), 'lorem ipsum '.repeat(10_000))
    await page.keyboard.press('Control+v')
    await waitFor(async () => (await page.inputValue(EDITOR)) === 'start ', { message: 'the refused paste taken back' })
    await toastSays(page, 'not saved')
    await page.keyboard.type('more')
    await waitFor(() => textOn(peer, id) === 'start more', { message: '"start more" on the server' })
    expect(await page.inputValue(EDITOR)).toBe('start more')
  })
})

describe('keys after the text editor was closed by someone else', () => {
  const rect: ItemInit = { type: 'rect', pageId: 'page-1', x: -300, y: 100, width: 100, height: 80 }

  it('typing on after a collaborator deletes the note switches no tool and deletes nothing', async () => {
    const { page, peer } = await room([rect])
    const id = await typeSticky(page, peer, 800, 300, 'draft')
    removeItems(peer.doc, [id])
    await page.waitForSelector(EDITOR, { state: 'detached' })
    // the user did not notice and goes on typing, then selects all to retype it
    await page.keyboard.type(' more words ')
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Backspace')
    await sleep(200)
    expect((await editorState(page)).tool).toBe('select')
    expect((await items(page)).map((i) => i.type)).toEqual(['rect'])
    // after a pause, keys are commands again
    await sleep(KEY_GUARD_PAUSE_MS + 100)
    await page.keyboard.press('r')
    await waitFor(async () => (await editorState(page)).tool === 'rect', { message: 'R selects the rectangle tool after the pause' })
  })

  it('typing on after a collaborator deletes the note’s page deletes nothing on the page shown instead; a click ends the guard', async () => {
    const { page, peer } = await room([rect])
    await page.click('[data-testid="page-add"]')
    const { pageId } = await editorState(page)
    expect(pageId).not.toBe('page-1')
    await typeSticky(page, peer, 800, 300, 'notes')
    removePage(peer.doc, pageId)
    await waitFor(async () => (await editorState(page)).pageId === 'page-1', { message: 'back on page 1' })
    await page.waitForSelector(EDITOR, { state: 'detached' })
    await page.keyboard.type(' and')
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await sleep(200)
    expect((await editorState(page)).tool).toBe('select')
    expect((await items(page)).map((i) => i.type)).toEqual(['rect'])
    // a click on the canvas is a deliberate new action: shortcuts work again at once
    await page.mouse.click(900, 600)
    await page.keyboard.press('o')
    await waitFor(async () => (await editorState(page)).tool === 'ellipse', { message: 'O selects the ellipse tool after a click' })
  })
})

/** A rectangle drawn, then (as a separate undo step) a note or text box made with `key` and open in its editor. */
async function rectThenEditor(key: 'n' | 't'): Promise<Page> {
  const { page } = await room()
  await page.keyboard.press('r')
  await drag(page, [300, 300], [400, 380])
  await waitFor(async () => (await items(page)).length === 1, { message: 'the rectangle' })
  await sleep(DEFAULT_CAPTURE_TIMEOUT + 100)
  await page.keyboard.press(key)
  await page.mouse.click(800, 300)
  await page.waitForSelector(EDITOR)
  return page
}

describe('keys after the user closed the text editor themselves', () => {
  it('Ctrl+Z that undoes the new note goes on undoing at once', async () => {
    const page = await rectThenEditor('n')
    await page.keyboard.press('Control+z')
    await page.waitForSelector(EDITOR, { state: 'detached' })
    await page.keyboard.press('Control+z')
    await waitFor(async () => (await items(page)).length === 0, { message: 'the rectangle undone too' })
  })

  it('an empty text box dismissed with Escape leaves nothing for undo: the next Ctrl+Z undoes the rectangle', async () => {
    const page = await rectThenEditor('t')
    await page.keyboard.press('Escape')
    await page.waitForSelector(EDITOR, { state: 'detached' })
    expect((await items(page)).map((i) => i.type)).toEqual(['rect'])
    await page.mouse.move(640, 600) // a pointer move (not a press) on the canvas
    await page.keyboard.press('Control+z')
    await waitFor(async () => (await items(page)).length === 0, { message: 'the rectangle undone by the first Ctrl+Z' })
    await page.keyboard.press('Control+Shift+z')
    await waitFor(async () => (await items(page)).map((i) => i.type).join() === 'rect', { message: 'redo brings the rectangle, not a text box' })
  })
})

describe('paste position', () => {
  it('after a wheel pan without a mouse move, a paste lands under the pointer', async () => {
    const { page } = await room([], CLIPBOARD)
    await page.keyboard.press('r')
    await drag(page, [500, 300], [600, 380])
    await page.keyboard.press('Control+c')
    await page.mouse.move(700, 450)
    const before = await page.evaluate(() => window.__tessera!.store.get().camera.y)
    await page.mouse.wheel(0, 200)
    await waitFor(async () => (await page.evaluate(() => window.__tessera!.store.get().camera.y)) !== before, { message: 'the wheel pan' })
    await page.keyboard.press('Control+v')
    await waitFor(async () => (await items(page)).length === 2, { message: 'the pasted copy' })
    const id = await page.evaluate(() => window.__tessera!.store.get().selection[0])
    const pasted = (await items(page)).find((i) => i.id === id)!
    const [x, y] = await screenOf(page, pasted.x + pasted.width / 2, pasted.y + pasted.height / 2)
    expect(x).toBeCloseTo(700, -1)
    expect(y).toBeCloseTo(450, -1)
  })
})
