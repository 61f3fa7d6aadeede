import { describe, expect, it } from 'vitest'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { boardPath } from '../../../src/app/routes'
import { cuttableContext, installPageHelpers, itemFields, items, openOn, sortKeys, statusText, waitItemsEqual, waitServiceWorker, waitSynced } from './offlineHarness'

// a real server with --open and one headless Chromium for this file
const env = useServerAndBrowser()

describe('offline editing on a shared board', () => {
  it('A edits offline while B edits online; after A reconnects both see every change exactly once', async () => {
    const room = `offline-merge-${Date.now()}`
    const a = await cuttableContext(env.browser)
    const bContext = await env.browser.newContext({ viewport: { width: 1100, height: 700 } })
    await installPageHelpers(bContext)
    const pageA = await openOn(a.context, env.server.url + boardPath(room))
    const pageB = await openOn(bContext, env.server.url + boardPath(room))
    await waitSynced(pageA)
    await waitSynced(pageB)
    await waitServiceWorker(pageA) // A's idle-time code is cached before A's cut (see there)

    // a shared starting scene, seen by both
    await pageA.evaluate(
      ([s, r1, r2]) => {
        window.__offlineTest!.addItem('shared-sticky', s, 'hello')
        window.__offlineTest!.addItem('b-moves', r1)
        window.__offlineTest!.addItem('b-recolours', r2)
      },
      [itemFields('sticky', 0, 0, 'a0'), itemFields('rect', 200, 0, 'a1'), itemFields('rect', 400, 0, 'a2')] as const,
    )
    await waitItemsEqual(pageB, () => items(pageA), 'B to see the starting scene')

    // A loses the network
    await a.goOffline()
    await pageA.waitForFunction(() => !window.__tessera!.conn.provider.wsconnected)
    await waitFor(async () => (await statusText(pageA)).startsWith('Offline — changes kept on this device'), { timeout: 10_000, message: 'offline status on A' })

    // A: five new shapes and an edit of the shared sticky's text
    await pageA.evaluate(
      (fields) => {
        fields.forEach((f, i) => window.__offlineTest!.addItem(`a-new-${i}`, f))
        window.__offlineTest!.insertText('shared-sticky', 5, ' from A')
      },
      [0, 1, 2, 3, 4].map((i) => itemFields(i % 2 ? 'ellipse' : 'rect', 100 * i, 300, `a${3 + i}`)),
    )
    // the status says how many changes wait (6 transactions)
    await waitFor(async () => (await statusText(pageA)).includes('(6 pending)'), { timeout: 10_000, message: 'A to show 6 pending changes' })

    // B, online: moves one item, recolours another, types into the shared sticky, adds one
    await pageB.evaluate((f) => {
      const t = window.__offlineTest!
      t.setFields('b-moves', { x: 250, y: 120 })
      t.setFields('b-recolours', { fill: '#ff8787' })
      t.insertText('shared-sticky', 0, 'B: ')
      t.addItem('b-new', f)
    }, itemFields('sticky', 600, 300, 'b0'))

    // the cut is real: A has received nothing of B's, B nothing of A's
    const aWhileCut = await items(pageA)
    const bWhileCut = await items(pageB)
    expect(aWhileCut['b-new']).toBeUndefined()
    expect((aWhileCut['shared-sticky'] as { text: string }).text).toBe('hello from A')
    expect(bWhileCut['a-new-0']).toBeUndefined()
    expect((bWhileCut['shared-sticky'] as { text: string }).text).toBe('B: hello')

    // A comes back: the provider reconnects by itself and the sync handshake merges both sides
    await a.goOnline()
    await waitSynced(pageA)
    await waitItemsEqual(pageA, () => items(pageB), 'A and B to converge')

    const final = sortKeys(await items(pageA)) as Record<string, Record<string, unknown>>
    expect(Object.keys(final).sort()).toEqual(
      ['a-new-0', 'a-new-1', 'a-new-2', 'a-new-3', 'a-new-4', 'b-moves', 'b-new', 'b-recolours', 'shared-sticky'].sort(),
    )
    expect(final['shared-sticky']!.text).toBe('B: hello from A')
    expect(final['b-moves']!.x).toBe(250)
    expect(final['b-moves']!.y).toBe(120)
    expect(final['b-recolours']!.fill).toBe('#ff8787')
    expect(final['a-new-3']!.type).toBe('ellipse')
    expect(final['a-new-4']!.x).toBe(400)
    // the pending count is cleared once the server has A's changes
    await waitFor(async () => !(await statusText(pageA)).includes('pending'), { timeout: 10_000, message: 'pending count to clear' })

    await a.context.close()
    await bContext.close()
  })
})
