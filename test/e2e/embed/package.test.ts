import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../helpers/browser'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { buildAndPack, forgetNpxInstall, installHost, root, shAsync, shResult, startUntil, type Packed, type Started } from './packaged'

// CONTRACT §9 from the outside: the packed tarball installed into a fresh project, its two entry
// points type-checked and run, the example host app (examples/host) built and used by two people
// in Chromium, and `npx <tarball> serve` in an empty directory.
let packed: Packed
let project: string
let empty: string
let host: Started
let npx: Started
let browser: Browser
/** the consumer type-check (see the first test), started as soon as the host project is installed */
let typeCheck: Promise<{ status: number; out: string }>

const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')

/**
 * A consumer's TSX using both entry points (typed.tsx: must type-check) and one misusing them
 * (wrong.tsx: must not), in ONE tsc program with the example's own client code and the example's
 * own compiler options (its tsconfig.json, extended): one compiler start instead of two.
 */
function writeTypeCheckFiles(dir: string): void {
  writeFileSync(path.join(dir, 'typed.tsx'), `
import http from 'node:http'
import { createTesseraServer, type RoomChange } from 'tessera/server'
import { TesseraBoard, type TesseraBoardProps } from 'tessera/react'
const server = createTesseraServer({ data: './d', port: 0, maxMessageBytes: 1024, authenticate: (req: http.IncomingMessage, room: string) => (room === 'x' ? 'viewer' : null), onRoomChange: (room: string, c: RoomChange) => void c.update.byteLength })
server.attach(http.createServer(), { path: '/tessera' })
const listening: Promise<{ port: number }> = server.listen(0)
const props: TesseraBoardProps = { serverUrl: 'ws://x/tessera', room: 'r', theme: 'dark', user: { name: 'Ann' }, onShareClick: () => {} }
export const el = <TesseraBoard {...props} readOnly token={null} />
export { listening }
`)
  writeFileSync(path.join(dir, 'wrong.tsx'), `
import { createTesseraServer } from 'tessera/server'
import { TesseraBoard } from 'tessera/react'
createTesseraServer({ prot: 1 })
export const el = <TesseraBoard serverUrl="ws://x" room={42} />
`)
  writeFileSync(path.join(dir, 'tsconfig.consumer.json'), JSON.stringify({ extends: './tsconfig.json', files: ['typed.tsx', 'wrong.tsx'] }))
}

beforeAll(async () => {
  packed = buildAndPack()
  project = path.join(packed.dir, 'host')
  empty = path.join(packed.dir, 'empty')
  mkdirSync(empty)
  // the two installs (the host project's, npx's own) run side by side, and so does Chromium's start
  const npxStarted = startUntil('npx', ['--yes', '--prefer-offline', '-p', packed.tarball, 'tessera', 'serve', '--host', '127.0.0.1', '--port', '0', '--open'], {
    cwd: empty, env: packed.env, listening: /tessera listening on http:\/\/[^:]+:(\d+)/, timeoutMs: 240_000,
  })
  const browserStarted = launchBrowser()
  await installHost(packed, project)
  writeTypeCheckFiles(project)
  typeCheck = shResult(process.execPath, [TSC, '-p', 'tsconfig.consumer.json', '--pretty', 'false', '--listFiles'], { cwd: project })
  await shAsync('npm', ['run', 'build'], { cwd: project })
  host = await startUntil(process.execPath, ['server.mjs'], { cwd: project, env: { PORT: '0' }, listening: /host listening on http:\/\/[^:]+:(\d+)/, timeoutMs: 30_000 })
  npx = await npxStarted
  browser = await browserStarted
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  await npx?.stop()
  if (packed) {
    forgetNpxInstall(packed.tarball)
    packed.remove()
  }
})

describe('the npm package', () => {
  it('ships types: a TSX file using both entry points type-checks, and a wrong prop or option does not', async () => {
    const { status, out } = await typeCheck
    const diagnostics = out.split('\n').filter((l) => /^\S+\.tsx?\(\d+,\d+\): error/.test(l))
    // typed.tsx and the example's own client code (client/) have none; wrong.tsx has both expected
    expect(diagnostics.filter((l) => !l.startsWith('wrong.tsx('))).toEqual([])
    // all three were in the program (--listFiles prints each file it read)
    for (const file of ['typed.tsx', 'wrong.tsx', 'client/main.tsx']) expect(out).toContain(path.join(project, file))
    expect(status).not.toBe(0)
    expect(diagnostics.some((l) => /'prot' does not exist/.test(l))).toBe(true)
    expect(diagnostics.some((l) => /Type 'number' is not assignable to type 'string'/.test(l))).toBe(true)
  })

  it('createTesseraServer attached to the host server: the host keeps its routes, sync needs the host login', async () => {
    const url = `http://127.0.0.1:${host.port}`
    expect(await (await fetch(`${url}/me`)).json()).toEqual({ user: null })
    expect((await fetch(`${url}/tessera/healthz`)).status).toBe(200)
    expect((await fetch(`${url}/nothing`)).status).toBe(404)
    // no host session: the authenticate hook refuses, the provider never syncs
    const anon = newClient(`ws://127.0.0.1:${host.port}/tessera`, 'team-plan')
    await new Promise((r) => setTimeout(r, 700))
    expect(anon.provider.synced).toBe(false)
    anon.destroy()
  })

  it('the example host app: two signed-in people see each other’s edits on the embedded board', async () => {
    const url = `http://127.0.0.1:${host.port}/board/e2e-room`
    const signIn = async (name: string): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } })
      const page = await context.newPage()
      await page.goto(url)
      await page.getByTestId('login-name').fill(name)
      await page.getByTestId('login').locator('button').click()
      await page.getByTestId('tessera-board').locator('canvas').first().waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => performance.getEntriesByName('host:board-ready').length > 0, null, { timeout: 20_000 })
      return page
    }
    const ann = await signIn('Ann')
    const bob = await signIn('Bob')

    // Ann draws a rectangle; Bob's canvas changes. Ann writes in the chat; Bob reads it with her name.
    const canvasOf = (p: Page) => p.evaluate(() => [...document.querySelectorAll('[data-testid="tessera-board"] canvas')].map((c) => (c as HTMLCanvasElement).toDataURL()).join('|'))
    const before = await canvasOf(bob)
    const box = (await ann.getByTestId('tessera-board').boundingBox())!
    await ann.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await ann.keyboard.press('r')
    await ann.mouse.move(box.x + 300, box.y + 250)
    await ann.mouse.down()
    await ann.mouse.move(box.x + 450, box.y + 350, { steps: 5 })
    await ann.mouse.up()
    await waitFor(async () => (await canvasOf(bob)) !== before, { timeout: 10_000, message: 'Ann’s rectangle on Bob’s canvas' })

    await ann.getByTestId('chat-toggle').first().click()
    await ann.getByTestId('chat-input').fill('hello from Ann')
    await ann.getByTestId('chat-input').press('Enter')
    await bob.getByTestId('chat-toggle').first().click()
    await bob.getByText('hello from Ann').waitFor({ timeout: 10_000 })
    expect(await bob.getByTestId('chat-author').first().textContent()).toContain('Ann')

    // the host's own Share button opens the host's dialog
    await bob.getByTestId('tessera-share').click()
    await bob.getByTestId('host-share-dialog').waitFor()
    await bob.screenshot({ path: path.join(root, '.test-results', 'embed-host.png') }).catch(() => undefined)
    expect(host.output()).toMatch(/board e2e-room changed by .*Ann/)
  })

  it('`npx <tarball> serve` in an empty directory serves the web app and syncs', async () => {
    const url = `http://127.0.0.1:${npx.port}`
    const html = await (await fetch(`${url}/r/anything`)).text()
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\//)
    const a = newClient(`ws://127.0.0.1:${npx.port}`, 'npx-room')
    const b = newClient(`ws://127.0.0.1:${npx.port}`, 'npx-room')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getText('t').insert(0, 'from the tarball')
    await waitFor(() => b.doc.getText('t').toString() === 'from the tarball', { message: 'the edit through the npx server' })
    a.destroy()
    b.destroy()
    rmSync(path.join(empty, 'data'), { recursive: true, force: true })
  })
})
