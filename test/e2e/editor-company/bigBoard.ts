// Shared by the big-board browser tests (bigDrag, bigBoardMoves): a room seeded with a grid of
// red squares, and the positions the page's document holds.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { addItems, ensureDefaultPage, itemsMap } from '../../../src/doc'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'

export const N = 400
export const SIDE = 20
export const SPACING = 160
export const SIZE = 60

/** A new room (named after `name`) holding `n` (default N) red SIZE×SIZE squares on a SIDE-wide grid, SPACING apart. */
export async function seedGrid(wsUrl: string, name: string, n = N): Promise<string> {
  const room = `${name}-${Date.now()}`
  const seeder = newClient(wsUrl, room)
  await synced(seeder.provider)
  ensureDefaultPage(seeder.doc)
  const r = addItems(
    seeder.doc,
    Array.from({ length: n }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: (i % SIDE) * SPACING, y: Math.floor(i / SIDE) * SPACING, width: SIZE, height: SIZE, fill: '#ff0000', stroke: '#ff0000' })),
  )
  expect(r.ok).toBe(true)
  // the server has them (a second client sees them) before the seeder goes: an update sent just
  // before the seeder's socket closed was sometimes lost, and the board opened empty
  const check = newClient(wsUrl, room)
  try {
    await synced(check.provider)
    await waitFor(() => itemsMap(check.doc).size === n, { timeout: 30_000, message: `the server to hold the ${n} seeded items` })
  } finally {
    check.destroy()
    seeder.destroy()
  }
  return room
}

/** Every item's [x, y] as the page's document holds them. */
export function positions(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const out: Record<string, [number, number]> = {}
    window.__tessera!.doc.getMap('items').forEach((v, id) => {
      const m = v as { get(k: string): number }
      out[id] = [m.get('x'), m.get('y')]
    })
    return out
  })
}
