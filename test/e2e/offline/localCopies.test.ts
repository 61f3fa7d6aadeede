import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { boardPath } from '../../../src/app/routes'
import { RECENT_BOARDS_KEY } from '../../../src/app/recentBoards'
import { localDbName } from '../../../src/room/offline/accessLevel'
import { cuttableContext, itemFields, items, localUpdateCount, openOn, waitServiceWorker, waitSynced } from './offlineHarness'

// --open: any client may read and write (a hand-made viewer token is enough for the client-side rules)
const env = useServerAndBrowser()

/** Shaped like a server token (base64url JSON claims . signature); the client reads only the role. */
function viewerToken(room: string): string {
  const claims = { v: 1, room, role: 'viewer', exp: 4_102_444_800, iat: 0 }
  return Buffer.from(JSON.stringify(claims)).toString('base64url') + '.bm90LWEtcmVhbC1zaWduYXR1cmU'
}

async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort())
}

describe('local copies per board and access level', () => {
  it('a view link keeps its own copy: it never shows an editor\'s unsynced edits and never sends its own', async () => {
    const room = `local-view-${Date.now()}`
    const a = await cuttableContext(env.browser)
    const editor = await openOn(a.context, env.server.url + boardPath(room))
    await waitSynced(editor)
    await waitServiceWorker(editor)
    await editor.evaluate((f) => window.__offlineTest!.addItem('synced', f), itemFields('rect', 0, 0, 'a0'))
    const watcher = newClient(env.server.wsUrl, room)
    await synced(watcher.provider)
    await waitFor(() => watcher.doc.getMap('items').has('synced'), { timeout: 10_000, message: 'server to have the first item' })

    // the view link, opened once online in the same browser: it gets the scene into its own copy
    let viewer = await openOn(a.context, env.server.url + boardPath(room, viewerToken(room)))
    await waitSynced(viewer)
    await waitFor(async () => 'synced' in (await items(viewer)), { timeout: 10_000, message: 'viewer to get the scene' })
    expect(await databaseNames(editor)).toEqual(expect.arrayContaining([localDbName(room, 'edit'), localDbName(room, 'view')]))

    // a change made on the view link never leaves the device: after a later awareness change from
    // the same socket has reached the editor, the update (sent earlier, if at all) would have too
    await viewer.evaluate((f) => window.__offlineTest!.addItem('from-viewer', f), itemFields('rect', 300, 0, 'b0'))
    const viewerId = await viewer.evaluate(() => window.__tessera!.doc.clientID)
    await viewer.evaluate(() => window.__tessera!.conn.awareness.setLocalStateField('marker', 'after-edit'))
    await waitFor(() => (watcher.provider.awareness.getStates().get(viewerId) as { marker?: string } | undefined)?.marker === 'after-edit', {
      timeout: 10_000,
      message: 'the viewer marker to reach the server',
    })
    expect(watcher.doc.getMap('items').has('from-viewer')).toBe(false)
    expect('from-viewer' in (await items(editor))).toBe(false)
    await viewer.close()

    // the editor goes offline and edits; its copy holds the unsynced edit
    await a.goOffline()
    const before = await localUpdateCount(editor, localDbName(room, 'edit'))
    await editor.evaluate((f) => window.__offlineTest!.addItem('unsynced', f), itemFields('ellipse', 0, 300, 'a1'))
    await waitFor(async () => (await localUpdateCount(editor, localDbName(room, 'edit'))) > before, { timeout: 10_000, message: 'the edit stored locally' })

    // the view link reopened offline, in the same browser while the editor tab is open: it shows
    // its own copy (the synced item) but not the editor's unsynced edit
    viewer = await openOn(a.context, env.server.url + boardPath(room, viewerToken(room)))
    await waitFor(async () => 'synced' in (await items(viewer)), { timeout: 10_000, message: 'the view copy to load offline' })
    expect('unsynced' in (await items(viewer))).toBe(false)

    // network back: the edit reaches the server and, from there, the view link
    await a.goOnline()
    await waitFor(() => watcher.doc.getMap('items').has('unsynced'), { timeout: 20_000, message: 'the server to get the offline edit' })
    await waitFor(async () => 'unsynced' in (await items(viewer)), { timeout: 20_000, message: 'the viewer to get it once synced' })
    expect(watcher.doc.getMap('items').has('from-viewer')).toBe(false)

    watcher.destroy()
    await a.context.close()
  })

  it('the lobby marks boards available offline and removes a local copy', async () => {
    const room = `local-lobby-${Date.now()}`
    const context = await env.browser.newContext()
    const board = await openOn(context, env.server.url + boardPath(room))
    await waitSynced(board)
    await board.evaluate(
      ([key, r]) => {
        const mine = { room: r, title: 'Offline lobby test', role: null, token: null, lastOpened: Date.now() }
        const other = { room: 'never-opened-here', title: 'Elsewhere', role: null, token: null, lastOpened: Date.now() - 1000 }
        localStorage.setItem(key, JSON.stringify([mine, other]))
      },
      [RECENT_BOARDS_KEY, room] as const,
    )
    await board.close()

    const lobby = await context.newPage()
    await lobby.goto(env.server.url + '/')
    const badge = lobby.locator(`[data-testid="offline-badge"][data-room="${room}"]`)
    await badge.waitFor({ timeout: 15_000 })
    expect(await lobby.locator('[data-testid="offline-badge"][data-room="never-opened-here"]').count()).toBe(0)
    await lobby.screenshot({ path: '/tmp/tessera-offline-lobby.png' })

    await lobby.locator(`[data-testid="remove-local-copy"][data-room="${room}"]`).click()
    await badge.waitFor({ state: 'detached', timeout: 10_000 })
    expect(await databaseNames(lobby)).not.toContain(localDbName(room, 'edit'))
    // the board itself is still on the server
    const check = newClient(env.server.wsUrl, room)
    await synced(check.provider)
    check.destroy()
    await context.close()
  })
})
