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

const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')

beforeAll(async () => {
  packed = buildAndPack()
  project = path.join(packed.dir, 'host')
  empty = path.join(packed.dir, 'empty')
  mkdirSync(empty)
  // the two installs (the host project's, npx's own) run side by side
  const npxStarted = startUntil('npx', ['--yes', '--prefer-offline', '-p', packed.tarball, 'tessera', 'serve', '--host', '127.0.0.1', '--port', '0', '--open'], {
    cwd: empty, env: packed.env, listening: /tessera listening on http:\/\/[^:]+:(\d+)/, timeoutMs: 240_000,
  })
  await installHost(packed, project)
  await shAsync('npm', ['run', 'build'], { cwd: project })
  host = await startUntil(process.execPath, ['server.mjs'], { cwd: project, env: { PORT: '0' }, listening: /host listening on http:\/\/[^:]+:(\d+)/, timeoutMs: 30_000 })
  npx = await npxStarted
  browser = await launchBrowser()
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
    // one tsc program holds both files (one compiler start instead of two): typed.tsx must have
    // no diagnostic, wrong.tsx exactly the expected ones; the example's own check runs beside it
    const tsconfig = (files: string[]) =>
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, skipLibCheck: true, noEmit: true, lib: ['ES2023', 'DOM'], types: ['node'] },
        files,
      })
    writeFileSync(path.join(project, 'typed.tsx'), `
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
    writeFileSync(path.join(project, 'wrong.tsx'), `
import { createTesseraServer } from 'tessera/server'
import { TesseraBoard } from 'tessera/react'
createTesseraServer({ prot: 1 })
export const el = <TesseraBoard serverUrl="ws://x" room={42} />
`)
    writeFileSync(path.join(project, 'tsconfig.both.json'), tsconfig(['typed.tsx', 'wrong.tsx']))
    const [both, example] = await Promise.all([
      shResult(process.execPath, [TSC, '-p', 'tsconfig.both.json', '--pretty', 'false'], { cwd: project }),
      // the example's own client code type-checks against the shipped types too
      shResult(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project }),
    ])
    const diagnostics = both.out.split('\n').filter((l) => /^\S+\.tsx?\(\d+,\d+\): error/.test(l))
    expect(diagnostics.filter((l) => !l.startsWith('wrong.tsx('))).toEqual([])
    expect(both.status).not.toBe(0)
    expect(diagnostics.some((l) => /'prot' does not exist/.test(l))).toBe(true)
    expect(diagnostics.some((l) => /Type 'number' is not assignable to type 'string'/.test(l))).toBe(true)
    expect(example.out).toBe('')
    expect(example.status).toBe(0)
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
