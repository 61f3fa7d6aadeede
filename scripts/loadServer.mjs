// Loads the server (TypeScript under server/) as plain JavaScript. esbuild bundles server/cli.ts
// into one ES module (about 0.1 s; packages stay external) written next to its sources, so paths
// relative to the module still hold, and the process runs it without a TypeScript loader. Running
// it through tsx's loader kept a loader thread alive for the whole life of the server: about 30 MB
// of extra RSS (idle server: 122 MB with the loader, 91 MB bundled). The source map is written
// beside the bundle and used only when asked for (`--debug`, or node's --enable-source-maps), as
// with the published package: parsed at start it held about 15 MB for the life of the process.
import { build, stop } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const serverDir = path.resolve(import.meta.dirname, '..', 'server')
const PREFIX = '.cli-'

/** @returns {Promise<{ main: (argv: string[]) => Promise<void> }>} */
export async function loadServer() {
  let code
  let map
  try {
    const result = await build({
      entryPoints: [path.join(serverDir, 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'external',
      write: false,
      outfile: path.join(serverDir, 'cli.mjs'),
      logLevel: 'silent',
    })
    const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'))
    map = result.outputFiles.find((f) => f.path.endsWith('.map')).contents
    code = js.contents
  } finally {
    await stop()
  }
  // named by content: concurrent starts of the same sources share one file, written atomically
  const name = `${PREFIX}${createHash('sha256').update(code).update(map).digest('hex').slice(0, 16)}.mjs`
  const file = path.join(serverDir, name)
  if (!existsSync(file)) {
    try {
      writeAtomically(`${file}.map`, map)
      writeAtomically(file, Buffer.concat([code, Buffer.from(`//# sourceMappingURL=${name}.map\n`)]))
    } catch {
      // a read-only install: run the sources through tsx's loader instead
      const { register } = await import('tsx/esm/api')
      register()
      return import(pathToFileURL(path.join(serverDir, 'cli.ts')).href)
    }
  }
  for (const old of readdirSync(serverDir)) {
    if (old.startsWith(PREFIX) && old !== name && old !== `${name}.map` && (old.endsWith('.mjs') || old.endsWith('.mjs.map'))) {
      try {
        unlinkSync(path.join(serverDir, old))
      } catch {
        // another process removed it first
      }
    }
  }
  if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true)
  return import(pathToFileURL(file).href)
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, file)
}
