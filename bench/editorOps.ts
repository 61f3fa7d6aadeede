// Bulk edits of a whole board selected (issue 15, "Big selections"): arrow-key nudges held down,
// a restyle from the style panel, a rotation with the rotate handle, a resize with one of the
// box's handles, and a delete, each with a
// collaborator's page open on the same board. For each: the time from the input until the page
// has painted two frames after it, its longest frame (how long the tab froze), and the same for
// the collaborator seeing it. In-page code is passed as strings (see editor.ts).
import type { Page } from 'playwright-core'
import { mounted, type FrameSummary, type Summarise } from './editorBig'
import { START_FRAMES, stopFrames } from './frames'

const RAF2 = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))'
const ITEM = (id: string, key: string) => `window.__tessera.doc.getMap('items').get(${JSON.stringify(id)})?.get(${JSON.stringify(key)})`
const UNDO_DEPTH = 'window.__tessera.undo.undoStack.length'
const SIZE = `window.__tessera.doc.getMap('items').size`

/** One bulk edit: here (input → two frames painted) and at the collaborator's (input → it holds the result, two frames painted). */
export interface OpTiming {
  ms: number
  /** the longest frame on this page meanwhile: the tab's freeze */
  maxFrameMs: number
  peerMs: number
  peerMaxFrameMs: number
}

export interface OpsResult {
  selected: number
  /** frames while an arrow key is pressed `presses` times, ~30 per second */
  nudgeFrames: FrameSummary
  presses: number
  /** from the last press until the doc holds the sum of the nudges and two frames painted */
  nudge: OpTiming
  /** undo steps the whole run of nudges added */
  nudgeUndoSteps: number
  moved: number
  /** a click on a stroke colour in the style panel */
  restyle: OpTiming
  restyleUndoSteps: number
  /** a drag of the rotate handle (five pointer moves) until the rotation is written */
  rotate: OpTiming
  /** a drag of a resize handle (five pointer moves) until the new size is written */
  resize: OpTiming
  /** Delete, then Ctrl+Z until every item is back */
  remove: OpTiming
  undoRemove: OpTiming
}

async function timed(name: string, page: Page, peer: Page, act: () => Promise<void>, doneHere: string, seenByPeer: string, mayFail = false): Promise<OpTiming> {
  await page.evaluate(START_FRAMES)
  await peer.evaluate(START_FRAMES)
  const t0 = Date.now()
  try {
    await act()
    await page.waitForFunction(doneHere, null, { timeout: 300_000, polling: 20 })
  } catch (e) {
    if (!mayFail) throw e
    // the run goes on to the next edit; this one shows as NaN
    console.error(`[ops] ${name}: not done: ${(e as Error).message.split('\n')[0]}`)
    console.error(`[ops] ${name}: state ${JSON.stringify(await page.evaluate(`({ transforming: ${BOX}.isTransforming(), boxNodes: ${BOX}.nodes().length, gesture: window.__tessera.store.get().gestureIds.length, selected: window.__tessera.store.get().selection.length, undo: window.__tessera.undo.undoStack.length })`).catch(() => null))}`)
    await page.screenshot({ path: `bench/tmp/ops-${name}-timeout.png` }).catch(() => {})
    await stopFrames(page)
    await stopFrames(peer)
    return { ms: NaN, maxFrameMs: NaN, peerMs: NaN, peerMaxFrameMs: NaN }
  }
  await page.evaluate(RAF2)
  const ms = Date.now() - t0
  await peer.waitForFunction(seenByPeer, null, { timeout: 300_000, polling: 20 })
  await peer.evaluate(RAF2)
  const peerMs = Date.now() - t0
  const here = await stopFrames(page)
  const there = await stopFrames(peer)
  const t = { ms, maxFrameMs: Math.round(Math.max(0, ...here)), peerMs, peerMaxFrameMs: Math.round(Math.max(0, ...there)) }
  // as it goes (stderr): a run that ends by a timeout still shows the edits before it
  console.error(`[ops] ${name}: ${t.ms} ms (longest frame ${t.maxFrameMs} ms); collaborator ${t.peerMs} ms (${t.peerMaxFrameMs} ms)`)
  return t
}

/** Zoom to fit, a little further out and lower: everything mounted, room for the rotate handle below the toolbar. */
async function fitWithRoom(page: Page): Promise<void> {
  await page.mouse.click(5, 400)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Digit1')
  await page.evaluate(`(() => { const st = window.__tessera.store; const c = st.get().camera; st.setCamera({ x: c.x, y: c.y - 90 / c.zoom, zoom: c.zoom * 0.8 }) })()`)
  await mounted(page)
  // mounting waits for the camera to rest and can pause longer than mounted()'s second of
  // stability at high load: right after Shift+1 only the ~70 items of the first view may be there
  await page.waitForFunction(`window.__tessera.rendered >= 0.95 * ${SIZE}`, null, { timeout: 300_000, polling: 100 })
}

/** The selection box (the Transformer holding the big-selection proxy when there is one). */
const BOX = `(window.Konva.stages[0].find('Transformer').find((t) => t.nodes()[0]?.name() === 'big-selection-proxy') ?? window.Konva.stages[0].find('Transformer')[0])`

/**
 * Waits until the selection box stands over the whole selection as one proxy, and has stopped
 * moving: the box is re-placed a frame after each change (an undo's included), later still at
 * high load, and a handle measured before that is not where the pointer then presses.
 */
async function boxSettled(page: Page): Promise<void> {
  await page.waitForFunction(`${BOX}.nodes()[0]?.name() === 'big-selection-proxy'`, null, { timeout: 300_000, polling: 100 })
  let last = ''
  for (let i = 0; i < 100; i++) {
    await page.evaluate(RAF2)
    const now = JSON.stringify(await page.evaluate(`(() => { const r = ${BOX}.getClientRect(); return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] })()`))
    if (now === last) return
    last = now
    await page.waitForTimeout(200)
  }
}

/**
 * Presses the pointer on a handle of the box; throws (instead of a 300 s wait for a write that no
 * press started) when the press did not start a transform of the box.
 */
async function pressHandle(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.mouse.move(at.x, at.y)
  await page.mouse.down()
  if (!(await page.evaluate(`${BOX}.isTransforming()`))) {
    await page.mouse.up()
    throw new Error(`the press at ${at.x},${at.y} did not start a transform (anchor under it: ${await page.evaluate(`window.Konva.stages[0].getIntersection({ x: ${at.x}, y: ${at.y} })?.name() ?? 'none'`)})`)
  }
}

/** Where one of the selection box's handles is on screen (Konva is a global of the page). */
/**
 * A resize handle of the selection box that the pointer can reach (not under a panel or a bar),
 * and the direction towards the box's centre.
 */
function reachableCorner(page: Page): Promise<{ x: number; y: number; dx: number; dy: number } | null> {
  return page.evaluate(`(() => {
    const tr = ${BOX}
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect()
    const box = tr.getClientRect()
    const cx = c.left + box.x + box.width / 2, cy = c.top + box.y + box.height / 2
    for (const name of ['bottom-right', 'top-right', 'bottom-left', 'top-left', 'middle-right', 'bottom-center', 'middle-left', 'top-center']) {
      const r = tr.findOne('.' + name)
      if (!r || !r.visible()) continue
      // the middle of the square as drawn: a corner handle is offset outwards by the box's padding
      // (its position plus half its size missed the top corners by 2 px at the fitted view)
      const q = r.getClientRect()
      const x = c.left + q.x + q.width / 2, y = c.top + q.y + q.height / 2
      if (document.elementFromPoint(x, y)?.tagName === 'CANVAS') return { x, y, dx: Math.sign(cx - x), dy: Math.sign(cy - y) }
    }
    return null
  })()`) as Promise<{ x: number; y: number; dx: number; dy: number } | null>
}

/** Which of the box's handles are on the canvas (not under the toolbar, a panel or a bar, nor off screen). */
function handlesReachable(page: Page): Promise<{ rotater: boolean; corner: boolean }> {
  return page.evaluate(`(() => {
    const tr = ${BOX}
    if (!tr || tr.nodes().length === 0) return { rotater: false, corner: false }
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect()
    const onCanvas = (name) => {
      const r = tr.findOne('.' + name)
      if (!r || !r.isVisible()) return false
      const q = r.getClientRect()
      return document.elementFromPoint(c.left + q.x + q.width / 2, c.top + q.y + q.height / 2)?.tagName === 'CANVAS'
    }
    return { rotater: onCanvas('rotater'), corner: ['bottom-right', 'top-right', 'bottom-left', 'top-left'].some(onCanvas) }
  })()`) as Promise<{ rotater: boolean; corner: boolean }>
}

/**
 * Moves the view until the rotate handle and a resize handle can be reached. At 10,000 items the
 * fitted view is at the smallest zoom, the box taller than the window: on the mixed board its
 * rotate handle lay under the toolbar, the drag never started and the run waited 300 s for a
 * rotation that was never made. The view goes down in 40 px steps (the top corners stay on screen).
 */
async function makeRoomForHandles(page: Page): Promise<void> {
  for (let i = 0; i < 16; i++) {
    const reach = await handlesReachable(page)
    if (reach.rotater && reach.corner) return
    await page.evaluate(`(() => { const st = window.__tessera.store, c = st.get().camera; st.setCamera({ x: c.x, y: c.y - 40 / c.zoom, zoom: c.zoom }) })()`)
    await mounted(page)
  }
  console.error(`[ops] the selection box's handles are still out of reach: ${JSON.stringify(await handlesReachable(page))}`)
}

function handle(page: Page, name: 'rotater'): Promise<{ x: number; y: number; nodes: number; visible: boolean }> {
  return page.evaluate(`(() => {
    const tr = ${BOX}
    const r = tr.findOne('.${name}'), q = r.getClientRect()
    const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect()
    return { x: c.left + q.x + q.width / 2, y: c.top + q.y + q.height / 2, nodes: tr.nodes().length, visible: r.isVisible() }
  })()`) as Promise<{ x: number; y: number; nodes: number; visible: boolean }>
}

/** Zoom to fit on both pages, Ctrl+A on `page`, then the bulk edits; the board is put back with undo between them. */
export async function bulkOps(page: Page, peer: Page, summary: Summarise, presses = 10): Promise<OpsResult> {
  await fitWithRoom(peer)
  await fitWithRoom(page)
  await page.keyboard.press('Control+a')
  const selection = (await page.evaluate('window.__tessera.store.get().selection')) as string[]
  const selected = selection.length
  const probe = (await page.evaluate(`window.__tessera.store.get().selection.find((id) => window.__tessera.doc.getMap('items').get(id).get('type') === 'rect')`)) as string
  await page.waitForTimeout(1000)

  // ---- nudges
  const x0 = (await page.evaluate(ITEM(probe, 'x'))) as number
  let depth = (await page.evaluate(UNDO_DEPTH)) as number
  await page.evaluate(START_FRAMES)
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(33)
  }
  const nudgeFrames = summary(await stopFrames(page))
  const atSum = `${ITEM(probe, 'x')} === ${x0 + presses}`
  const nudge = await timed('nudge written', page, peer, async () => {}, atSum, atSum)
  const moved = ((await page.evaluate(ITEM(probe, 'x'))) as number) - x0
  const nudgeUndoSteps = ((await page.evaluate(UNDO_DEPTH)) as number) - depth
  // a press that froze the tab past the 400 ms rest wrote the nudges so far: one step each
  for (let i = 0; i < Math.max(1, nudgeUndoSteps); i++) await page.keyboard.press('Control+z')
  await page.waitForFunction(`${ITEM(probe, 'x')} === ${x0}`, null, { timeout: 300_000, polling: 50 })
  await page.waitForTimeout(1000)

  // ---- restyle
  depth = (await page.evaluate(UNDO_DEPTH)) as number
  const red = `${ITEM(probe, 'stroke')} === '#e03131'`
  const restyle = await timed('restyle', page, peer, () => page.click('[data-testid="style-stroke-e03131"]'), red, red)
  const restyleUndoSteps = ((await page.evaluate(UNDO_DEPTH)) as number) - depth
  await page.keyboard.press('Control+z')
  await page.waitForFunction(`!(${red})`, null, { timeout: 300_000, polling: 50 })
  await page.waitForTimeout(1000)

  // ---- rotate with the handle: five pointer moves to the right of it, then let go
  const r0 = ((await page.evaluate(ITEM(probe, 'rotation'))) as number) ?? 0
  // here, not before the nudges: the box measured right after Ctrl+A was not the one it has now
  await makeRoomForHandles(page)
  await boxSettled(page)
  const at = await handle(page, 'rotater')
  console.error(`[ops] rotate handle at ${JSON.stringify(at)}`)
  const turned = `(${ITEM(probe, 'rotation')} ?? 0) !== ${r0}`
  const rotate = await timed('rotate', page, peer, async () => {
    await pressHandle(page, at)
    for (let i = 1; i <= 5; i++) await page.mouse.move(at.x + i * 40, at.y + i * 12)
    await page.mouse.up()
  }, turned, turned, true)
  if (await page.evaluate(turned)) {
    await page.keyboard.press('Control+z')
    await page.waitForFunction(`!(${turned})`, null, { timeout: 300_000, polling: 50 })
  }
  await page.waitForTimeout(1000)

  // ---- resize with a handle the pointer can reach (at this view some lie under the panels or
  // the bottom bar): five pointer moves towards the box's centre, then let go
  const w0 = (await page.evaluate(ITEM(probe, 'width'))) as number
  await makeRoomForHandles(page)
  await boxSettled(page)
  const corner = (await reachableCorner(page)) ?? { x: 0, y: 0, dx: 0, dy: 0 }
  console.error(`[ops] resize handle at ${JSON.stringify(corner)}`)
  const stretched = `${ITEM(probe, 'width')} !== ${w0}`
  const resize = await timed('resize', page, peer, async () => {
    await pressHandle(page, corner)
    for (let i = 1; i <= 5; i++) await page.mouse.move(corner.x + i * 12 * corner.dx, corner.y + i * 8 * corner.dy)
    await page.mouse.up()
  }, stretched, stretched, true)
  if (await page.evaluate(stretched)) {
    await page.keyboard.press('Control+z')
    await page.waitForFunction(`!(${stretched})`, null, { timeout: 300_000, polling: 50 })
  }
  await page.waitForTimeout(1000)

  // ---- delete everything, then one undo
  await page.keyboard.press('Control+a')
  await page.waitForTimeout(500)
  const size = (await page.evaluate(SIZE)) as number
  const empty = `${SIZE} === 0`
  const remove = await timed('delete', page, peer, () => page.keyboard.press('Delete'), empty, empty)
  const full = `${SIZE} === ${size}`
  const undoRemove = await timed('undo of the delete', page, peer, () => page.keyboard.press('Control+z'), full, full)
  await page.keyboard.press('Escape')
  return { selected, nudgeFrames, presses, nudge, nudgeUndoSteps, moved, restyle, restyleUndoSteps, rotate, resize, remove, undoRemove }
}
