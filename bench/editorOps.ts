// Bulk edits of a whole board selected (issue 15, "Big selections"): arrow-key nudges held down,
// a restyle from the style panel, a rotation by the keyboard-free path (the doc op the rotate
// handle ends in is not driven here), and a delete. In-page code is passed as strings (see editor.ts).
import type { Page } from 'playwright-core'
import { mounted, type FrameSummary, type Summarise } from './editorBig'
import { START_FRAMES, stopFrames } from './frames'

const RAF2 = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))'
const FIRST_X = `window.__tessera.doc.getMap('items').get(window.__tessera.store.get().selection[0]).get('x')`
const UNDO_DEPTH = 'window.__tessera.undo.undoStack.length'


export interface OpsResult {
  selected: number
  /** frames while an arrow key is pressed `presses` times, ~30 per second */
  nudgeFrames: FrameSummary
  presses: number
  /** from the last press until the doc holds the sum of the nudges and two frames painted */
  nudgeWrittenMs: number
  /** undo steps the whole run of nudges added */
  nudgeUndoSteps: number
  moved: number
  /** a click on a stroke width in the style panel until two frames painted after it */
  restyleMs: number
  /** Delete until two frames painted; then undo until the items are back */
  deleteMs: number
  undoDeleteMs: number
}

async function timed(page: Page, act: () => Promise<void>): Promise<number> {
  const t0 = Date.now()
  await act()
  await page.evaluate(RAF2)
  return Date.now() - t0
}

/** Shift+1, Ctrl+A, then the bulk edits; the board is put back with undo between them. */
export async function bulkOps(page: Page, summary: Summarise, presses = 10): Promise<OpsResult> {
  await page.mouse.click(5, 400)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Digit1')
  await mounted(page)
  await page.keyboard.press('Control+a')
  const selected = (await page.evaluate('window.__tessera.store.get().selection.length')) as number
  await page.waitForTimeout(1000)

  const x0 = (await page.evaluate(FIRST_X)) as number
  const depth0 = (await page.evaluate(UNDO_DEPTH)) as number
  await page.evaluate(START_FRAMES)
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(33)
  }
  const nudgeFrames = summary(await stopFrames(page))
  const t0 = Date.now()
  await page.waitForFunction(`${FIRST_X} === ${x0 + presses}`, null, { timeout: 300_000, polling: 20 })
  await page.evaluate(RAF2)
  const nudgeWrittenMs = Date.now() - t0
  const moved = ((await page.evaluate(FIRST_X)) as number) - x0
  const nudgeUndoSteps = ((await page.evaluate(UNDO_DEPTH)) as number) - depth0
  await page.keyboard.press('Control+z')
  await page.waitForFunction(`${FIRST_X} === ${x0}`, null, { timeout: 300_000, polling: 50 })
  await page.waitForTimeout(500)

  const restyleMs = await timed(page, () => page.click('[data-testid="style-width-4"]'))
  await page.keyboard.press('Control+z')
  await page.waitForTimeout(1000)

  const size = (await page.evaluate(`window.__tessera.doc.getMap('items').size`)) as number
  const deleteMs = await timed(page, () => page.keyboard.press('Delete'))
  const undoDeleteMs = await timed(page, async () => {
    await page.keyboard.press('Control+z')
    await page.waitForFunction(`window.__tessera.doc.getMap('items').size === ${size}`, null, { timeout: 300_000, polling: 20 })
  })
  await page.keyboard.press('Escape')
  return { selected, nudgeFrames, presses, nudgeWrittenMs, nudgeUndoSteps, moved, restyleMs, deleteMs, undoDeleteMs }
}
