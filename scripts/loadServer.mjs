// Loads the server (TypeScript under server/) as plain JavaScript. esbuild bundles server/cli.ts
// (about 0.1 s; packages stay external) into a directory next to its sources, so paths relative
// to the module still hold, and the process runs it without a TypeScript loader. Running it
// through tsx's loader kept a loader thread alive for the whole life of the server: about 30 MB
// of extra RSS (idle server: 122 MB with the loader, 91 MB bundled).
// - The bundle is split like the published package's (lib/server/): what the server loads on
//   first use (the REST APIs and their schemas, the other commands) is a chunk of its own.
// - Each bundle lists its inputs with a hash of their contents (inputs.json): a start whose
//   sources match an existing bundle runs it without loading esbuild at all (esbuild's API held
//   ~4 MB for the life of the server).
// - The source maps are written beside the code and used only when asked for (`--debug`, or
//   node's --enable-source-maps), as with the published package: parsed at start they held ~15 MB.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const serverDir = path.join(root, 'server')
const PREFIX = '.cli-'
const MANIFEST = 'inputs.json'
/** bump when the build options below change: bundles of other options are not reused */
const BUILD_VERSION = 2
/** read by esbuild besides the modules it bundles */
const CONFIG_FILES = ['tsconfig.json']
/**
 * Another bundle of this checkout (sources changed since) is removed once no start has used it
 * for this long: a server still running it may yet import one of its chunks.
 */
const KEEP_UNUSED_MS = 60 * 60 * 1000

/** @returns {Promise<{ main: (argv: string[]) => Promise<void> }>} */
export async function loadServer() {
  let name = findCurrentBundle()
  if (!name) {
    const built = await bundle()
    if (!built) {
      // a read-only install: run the sources through tsx's loader instead
      const { register } = await import('tsx/esm/api')
      register()
      return import(pathToFileURL(path.join(serverDir, 'cli.ts')).href)
    }
    name = built
  }
  removeOldBundles(name)
  if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true)
  return import(pathToFileURL(path.join(serverDir, name, 'cli.mjs')).href)
}

/** Hash of the build options and of the listed files' contents; null when one of them is gone. */
function inputsHash(files) {
  const hash = createHash('sha256').update(`v${BUILD_VERSION}\n`)
  for (const file of files) {
    let contents
    try {
      contents = readFileSync(path.join(root, file))
    } catch {
      return null
    }
    hash.update(`${file}\n${contents.length}\n`).update(contents)
  }
  return hash.digest('hex')
}

/** The bundle built from the sources as they are now, if there is one (the newest first). */
function findCurrentBundle() {
  const candidates = []
  for (const entry of readdirSync(serverDir)) {
    if (!entry.startsWith(PREFIX) || entry.endsWith('.tmp')) continue
    try {
      candidates.push({ entry, mtime: statSync(path.join(serverDir, entry)).mtimeMs })
    } catch {
      // removed meanwhile
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime)
  for (const { entry } of candidates) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(serverDir, entry, MANIFEST), 'utf8'))
      if (Array.isArray(manifest.files) && manifest.hash === inputsHash(manifest.files)) return entry
    } catch {
      // not a bundle of this layout (or being removed)
    }
  }
  return null
}

/** Builds the bundle of the current sources; its directory name, or null when it cannot be written. */
async function bundle() {
  const { build, stop } = await import('esbuild')
  let result
  try {
    result = await build({
      entryPoints: { cli: path.join(serverDir, 'cli.ts') },
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      outExtension: { '.js': '.mjs' },
      metafile: true,
      write: false,
      outdir: serverDir,
      logLevel: 'silent',
    })
  } finally {
    await stop()
  }
  const files = [...Object.keys(result.metafile.inputs), ...CONFIG_FILES].sort()
  const hash = inputsHash(files)
  // named by content: concurrent starts of the same sources share one directory, written atomically
  const name = `${PREFIX}${hash.slice(0, 16)}`
  const dir = path.join(serverDir, name)
  if (existsSync(dir)) return name
  const tmp = `${dir}.${process.pid}.tmp`
  try {
    mkdirSync(tmp, { recursive: true })
    for (const f of result.outputFiles) writeFileSync(path.join(tmp, path.relative(serverDir, f.path)), f.contents)
    writeFileSync(path.join(tmp, MANIFEST), JSON.stringify({ hash, files }))
    try {
      renameSync(tmp, dir)
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true })
      if (!existsSync(dir)) throw err
    }
    return name
  } catch {
    return null
  }
}

function removeOldBundles(current) {
  const now = new Date()
  try {
    utimesSync(path.join(serverDir, current), now, now)
  } catch {
    // read-only: nothing to keep fresh
  }
  for (const old of readdirSync(serverDir)) {
    if (!old.startsWith(PREFIX) || old === current || old.endsWith('.tmp')) continue
    const file = path.join(serverDir, old)
    try {
      // single-file bundles of earlier versions were read whole at start: no server needs them later
      const stale = old.endsWith('.mjs') || old.endsWith('.mjs.map') || now.getTime() - statSync(file).mtimeMs > KEEP_UNUSED_MS
      if (stale) rmSync(file, { recursive: true, force: true })
    } catch {
      // another process removed it first
    }
  }
}
