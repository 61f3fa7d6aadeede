// The embeddable package (issue 20), measured from the packed tarball:
//   size   tessera/react as a host bundles it (examples/host, esbuild, minified): the bytes that
//          come from the tessera package and its dependencies, React and React DOM excluded, gzipped
//   render time from navigation to the first board render (synced and drawn, TesseraBoard's
//          onReady) in the example host app, signed in, empty board; median of --runs (default 5)
// Run: node scripts/tsx.mjs bench/embed.ts   (needs dist/ built; builds and packs the package)
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../test/helpers/browser'
import { buildAndPack, installHost, shAsync, startUntil } from '../test/e2e/embed/packaged'

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5

interface Meta {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>
}

const packed = buildAndPack()
try {
  const project = path.join(packed.dir, 'host')
  await installHost(packed, project)
  await shAsync('npm', ['run', 'build'], { cwd: project })

  // size: the minified bundle, split by where each input came from
  const bundle = readFileSync(path.join(project, 'public', 'app.js'))
  const meta = JSON.parse(readFileSync(path.join(project, 'public', 'meta.json'), 'utf8')) as Meta
  const inputs = Object.values(meta.outputs)[0]!.inputs
  let react = 0
  let host = 0
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    if (/node_modules\/(react|react-dom|scheduler)\//.test(file)) react += bytesInOutput
    else if (!file.includes('node_modules/')) host += bytesInOutput
  }
  const embed = bundle.length - react - host
  const ratio = gzipSync(bundle).length / bundle.length
  const lib = readFileSync(path.join(project, 'node_modules', 'tessera', 'lib', 'react', 'index.js'))
  console.log(`host bundle ${bundle.length} B minified, ${gzipSync(bundle).length} B gzip`)
  console.log(`  React + React DOM ${react} B, host code ${host} B, tessera/react and its dependencies ${embed} B (≈ ${Math.round(embed * ratio)} B gzip at the bundle's ratio)`)
  console.log(`tessera/react entry alone (lib/react/index.js, dependencies external): ${lib.length} B, ${gzipSync(lib).length} B gzip`)

  // render: navigation → onReady in the host app
  const server = await startUntil(process.execPath, ['server.mjs'], { cwd: project, env: { PORT: '0' }, listening: /host listening on http:\/\/[^:]+:(\d+)/, timeoutMs: 30_000 })
  const browser = await launchBrowser()
  try {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      await context.addCookies([{ name: 'user', value: `bench${i}`, url: `http://127.0.0.1:${server.port}` }])
      const page = await context.newPage()
      await page.goto(`http://127.0.0.1:${server.port}/board/bench-${i}`)
      await page.waitForFunction(() => performance.getEntriesByName('host:board-ready').length > 0, null, { timeout: 30_000 })
      times.push(await page.evaluate(() => performance.getEntriesByName('host:board-ready')[0]!.startTime))
      await context.close()
    }
    times.sort((a, b) => a - b)
    console.log(`first board render in the host app: median ${Math.round(times[times.length >> 1]!)} ms over ${RUNS} runs (all: ${times.map(Math.round).join(', ')})`)
  } finally {
    await browser.close()
    await server.stop()
  }
} finally {
  packed.remove()
}
