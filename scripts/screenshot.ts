// Renders a small demo board with two people on it and saves docs/screenshot.png (used by the README).
// Run: npm run build && node scripts/tsx.mjs scripts/screenshot.ts
import path from 'node:path'
import { startServer } from '../test/helpers/server'
import { launchBrowser } from '../test/helpers/browser'
import { openBoard } from '../test/helpers/app'

const out = path.resolve(import.meta.dirname, '..', 'docs', 'screenshot.png')
const server = await startServer({ args: ['--open'] })
const browser = await launchBrowser()
try {
  const identity = (name: string, color: string) => `localStorage.setItem('tessera.tutorialSeen.v1','1');localStorage.setItem('tessera.identity', JSON.stringify({name:${JSON.stringify(name)},color:${JSON.stringify(color)}}))`
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 })
  await ctxA.addInitScript(identity('Ada', '#1971c2'))
  const { page: a } = await openBoard(browser, server.url, 'demo', { context: ctxA })
  const ctxB = await browser.newContext({ viewport: { width: 1280, height: 760 } })
  await ctxB.addInitScript(identity('Grace', '#e8590c'))
  const { page: b } = await openBoard(browser, server.url, 'demo', { context: ctxB })
  await a.waitForFunction(() => window.__tessera?.synced)
  // Draw with the real tools so the demo is made the way a person makes it.
  const draw = async (tool: string, x1: number, y1: number, x2: number, y2: number) => {
    await a.getByTestId(`tool-${tool}`).click()
    await a.mouse.move(x1, y1)
    await a.mouse.down()
    await a.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 4 })
    await a.mouse.move(x2, y2, { steps: 4 })
    await a.mouse.up()
  }
  await draw('rect', 260, 200, 520, 360)
  await a.getByTestId('style-fill-a5d8ff').click()
  await a.getByTestId('style-stroke-1971c2').click()
  await draw('ellipse', 640, 190, 860, 350)
  await a.getByTestId('style-fill-b2f2bb').click()
  await a.getByTestId('style-stroke-2f9e44').click()
  await draw('arrow', 530, 280, 630, 270)
  await a.getByTestId('tool-sticky').click()
  await a.mouse.click(380, 520)
  await a.keyboard.type('Ship the beta on Friday!')
  await a.keyboard.press('Escape')
  await a.getByTestId('tool-pen').click()
  await a.mouse.move(700, 480)
  await a.mouse.down()
  for (let i = 0; i <= 24; i++) await a.mouse.move(700 + i * 10, 500 + Math.sin(i / 3) * 40)
  await a.mouse.up()
  await a.getByTestId('tool-text').click()
  await a.mouse.click(300, 140)
  await a.keyboard.type('Q3 launch plan')
  await a.keyboard.press('Escape')
  // Grace selects the ellipse and points at it
  await b.mouse.click(750, 270)
  await b.mouse.move(790, 300, { steps: 5 })
  await a.mouse.click(1000, 650)
  await a.mouse.move(600, 420, { steps: 5 })
  await a.waitForTimeout(1200)
  await a.screenshot({ path: out })
  console.log(`saved ${out}`)
} finally {
  await browser.close()
  await server.dispose()
}
