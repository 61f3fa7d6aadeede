import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { openBoard } from '../../helpers/app'
import { startServer } from '../../helpers/server'
import { pngDataUrl, shareOfColour } from './pixels'

const boards = useBoards('depth-import-img')

type Plain = Record<string, unknown> & { id: string; type: string; x: number; y: number; width: number; height: number }
const items = (page: Page): Promise<Plain[]> =>
  page.evaluate(() => [...window.__tessera!.doc.getMap('items').entries()].map(([id, v]) => ({ id, ...(v as { toJSON(): object }).toJSON() }) as Plain))

/** Picks a file through the ☰ menu's Import item, as a user does (the browser's file chooser). */
async function importFile(page: Page, file: string): Promise<void> {
  await page.click('[data-testid="menu-button"]')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="menu-import-json"]')])
  await chooser.setFiles(file)
}

/**
 * Until the import's final toast reads `expected` ("Importing: uploading…" shows first, and the
 * previous import's toast may still be up while the next file is read).
 */
async function expectImportedToast(page: Page, expected: string): Promise<void> {
  const text = () => page.evaluate(() => document.querySelector('[data-testid="editor-toast"] > span')?.textContent ?? '')
  await expect.poll(text, { timeout: 30_000 }).toBe(expected)
}

const VIOLET: [number, number, number] = [112, 72, 232] // #7048e8
const TEAL: [number, number, number] = [12, 166, 120] // #0ca678

describe('import brings images', () => {
  it('images in an Excalidraw and a tldraw file are uploaded and drawn for the other person, also after a reload; one Ctrl+Z removes one import', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -600, y: 300, width: 40, height: 40 }])
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)
    const violet = await pngDataUrl(alice, 40, 30, '#7048e8')
    const teal = await pngDataUrl(alice, 40, 30, '#0ca678')
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-img-'))

    // Excalidraw: a frame holding the same PNG twice (two file ids, one data URL) and a rect
    const excalidraw = path.join(dir, 'photos.excalidraw')
    const img = (id: string, x: number, fileId: string) => ({ id, type: 'image', x, y: -150, width: 160, height: 120, angle: 0, opacity: 100, groupIds: [], frameId: 'fr', isDeleted: false, fileId, status: 'saved', scale: [1, 1], crop: null })
    writeFileSync(
      excalidraw,
      JSON.stringify({
        type: 'excalidraw',
        version: 2,
        source: 'https://excalidraw.com',
        elements: [
          { id: 'fr', type: 'frame', x: -420, y: -180, width: 380, height: 260, angle: 0, name: 'Photos', isDeleted: false },
          img('im1', -400, 'file-a'),
          img('im2', -220, 'file-b'),
          { id: 'r1', type: 'rectangle', x: -400, y: 0, width: 60, height: 40, angle: 0, strokeColor: '#1e1e1e', backgroundColor: 'transparent', roughness: 0, frameId: 'fr', isDeleted: false },
        ],
        appState: { viewBackgroundColor: '#ffffff' },
        files: {
          'file-a': { id: 'file-a', mimeType: 'image/png', dataURL: violet, created: 1 },
          'file-b': { id: 'file-b', mimeType: 'image/png', dataURL: violet, created: 2 },
        },
      }),
    )
    // tldraw: an image shape inside a frame (placed relative to it), with its asset record
    const tldr = path.join(dir, 'board.tldr')
    writeFileSync(
      tldr,
      JSON.stringify({
        tldrawFileFormatVersion: 1,
        schema: { schemaVersion: 2, sequences: {} },
        records: [
          { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
          { id: 'page:p', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
          { id: 'shape:fr', typeName: 'shape', type: 'frame', x: 40, y: -180, rotation: 0, index: 'a1', parentId: 'page:p', isLocked: false, opacity: 1, props: { w: 300, h: 220, name: 'Shots' }, meta: {} },
          { id: 'shape:pic', typeName: 'shape', type: 'image', x: 20, y: 30, rotation: 0, index: 'a1', parentId: 'shape:fr', isLocked: false, opacity: 1, props: { w: 160, h: 120, assetId: 'asset:pic', playing: true, url: '', crop: null, flipX: false, flipY: false }, meta: {} },
          { id: 'asset:pic', typeName: 'asset', type: 'image', props: { name: 'teal.png', src: teal, w: 40, h: 30, mimeType: 'image/png', isAnimated: false }, meta: {} },
        ],
      }),
    )

    const posts: string[] = []
    alice.on('request', (r) => {
      if (r.method() === 'POST' && /\/assets$/.test(new URL(r.url()).pathname)) posts.push(r.url())
    })

    await importFile(alice, excalidraw)
    await expectImportedToast(alice, 'Imported 4 items from Excalidraw')
    expect(posts).toHaveLength(1) // one file, uploaded once
    await importFile(alice, tldr)
    await expectImportedToast(alice, 'Imported 2 items from tldraw')
    expect(posts).toHaveLength(2)

    await expect.poll(async () => (await items(bob)).filter((i) => i.type === 'image').length, { timeout: 20_000 }).toBe(3)
    const seen = await items(bob)
    const frames = new Map(seen.filter((i) => i.type === 'frame').map((f) => [f.text, f.id]))
    const imgs = seen.filter((i) => i.type === 'image').sort((a, b) => a.x - b.x)
    expect(imgs.map((i) => [i.x, i.y, i.width, i.height])).toEqual([[-400, -150, 160, 120], [-220, -150, 160, 120], [60, -150, 160, 120]])
    expect(imgs.map((i) => i.parentId)).toEqual([frames.get('Photos'), frames.get('Photos'), frames.get('Shots')])
    expect(imgs[0]!.image).toMatch(/^[0-9a-f]{64}$/)
    expect(imgs[1]!.image).toBe(imgs[0]!.image)
    expect(imgs[2]!.image).not.toBe(imgs[0]!.image)

    // drawn on Bob's screen: the boxes are filled with the images' colours
    const drawn = async (p: Page) => [await shareOfColour(p, imgs[0]!, VIOLET), await shareOfColour(p, imgs[1]!, VIOLET), await shareOfColour(p, imgs[2]!, TEAL)]
    await expect.poll(async () => Math.min(...(await drawn(bob))), { timeout: 20_000 }).toBeGreaterThan(0.9)
    await bob.screenshot({ path: '/tmp/tessera-depth-import-images.png' })
    await bob.reload()
    await bob.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 20_000 })
    await expect.poll(async () => Math.min(...(await drawn(bob))), { timeout: 20_000 }).toBeGreaterThan(0.9)

    // one Ctrl+Z takes back the tldraw import (its frame and image), the next the Excalidraw one
    await alice.mouse.click(900, 700)
    await alice.keyboard.press('Control+z')
    await expect.poll(async () => (await items(bob)).map((i) => i.type).sort(), { timeout: 20_000 }).toEqual(['frame', 'image', 'image', 'rect', 'rect'])
    await alice.keyboard.press('Control+z')
    await expect.poll(async () => (await items(bob)).length, { timeout: 20_000 }).toBe(1)
    await expect.poll(async () => (await drawn(bob))[0]!, { timeout: 20_000 }).toBeLessThan(0.05)
  })

  it('an image the server refuses (too large) is left out and counted; the rest imports as one undo step', async () => {
    // a server of its own whose asset limit (20 kB) a noisy 200×200 PNG exceeds
    const server = await startServer({ args: ['--open', '--max-asset-bytes', '20000'] })
    try {
      const { context, page: alice } = await openBoard(boards.browser, server.url, 'depth-import-big')
      boards.contexts.push(context)
      await alice.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 20_000 })
      const small = await pngDataUrl(alice, 40, 30, '#7048e8')
      const big = await alice.evaluate(() => {
        const c = document.createElement('canvas')
        c.width = c.height = 200
        const g = c.getContext('2d')!
        const d = g.createImageData(200, 200)
        for (let i = 0; i < d.data.length; i++) d.data[i] = (i * 7919 + ((i * i) % 251)) & 255
        g.putImageData(d, 0, 0)
        return c.toDataURL('image/png')
      })
      expect(big.length * 0.75).toBeGreaterThan(20_000)
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'tessera-import-big-')), 'mixed.excalidraw')
      const img = (id: string, x: number, fileId: string) => ({ id, type: 'image', x, y: -100, width: 160, height: 120, angle: 0, fileId, isDeleted: false })
      writeFileSync(
        file,
        JSON.stringify({
          type: 'excalidraw',
          version: 2,
          elements: [img('small', -300, 's'), img('big', 0, 'b'), { id: 'r', type: 'rectangle', x: 200, y: -100, width: 60, height: 40, angle: 0, roughness: 0, isDeleted: false }],
          files: { s: { id: 's', mimeType: 'image/png', dataURL: small, created: 1 }, b: { id: 'b', mimeType: 'image/png', dataURL: big, created: 1 } },
        }),
      )
      await importFile(alice, file)
      await expectImportedToast(alice, 'Imported 2 items from Excalidraw; skipped 1 image not uploaded (too large)')
      const got = await items(alice)
      expect(got.map((i) => i.type).sort()).toEqual(['image', 'rect'])
      expect(got.find((i) => i.type === 'image')).toMatchObject({ x: -300, y: -100, width: 160, height: 120 })
      await alice.mouse.click(900, 700)
      await alice.keyboard.press('Control+z')
      await expect.poll(async () => (await items(alice)).length, { timeout: 20_000 }).toBe(0)
    } finally {
      await server.dispose()
    }
  })
})
