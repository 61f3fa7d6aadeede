import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * The built web app (dist/) as the browser loads it: which chunks a board's page fetches before
 * the editor runs, and which are fetched on demand; each chunk's size (minified, and gzipped at
 * zlib's default level) and the source modules it holds (bytes per module, from its source map).
 * Used by bench/chunks.ts (the figures) and test/e2e/embed/editorChunk.test.ts (what must stay out).
 */
export interface Chunk {
  file: string
  bytes: number
  gzip: number
  /** the chunks it imports statically (file names) */
  imports: string[]
  /** minified bytes per source module, keyed by a path relative to the project ('node_modules/x/…' for packages) */
  modules: Map<string, number>
}

export interface BuiltApp {
  chunks: Map<string, Chunk>
  /** the entry script and everything it imports statically */
  entry: string[]
  /** the editor chunk (mountApp) and the chunks it imports statically that the entry does not */
  editor: string[]
  /** chunks fetched only on demand */
  lazy: string[]
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Minified bytes per source, from a chunk's code and its source map's mappings. */
function bytesPerSource(code: string, map: { sources: string[]; mappings: string }, mapDir: string, root: string): Map<string, number> {
  const lines = code.split('\n')
  const out = new Map<string, number>()
  const name = (i: number) => {
    const p = path.relative(root, path.resolve(mapDir, map.sources[i]!))
    const m = /node_modules[\\/](.*)$/.exec(p)
    return m ? `node_modules/${m[1]!.replaceAll('\\', '/')}` : p.replaceAll('\\', '/')
  }
  let src = 0
  map.mappings.split(';').forEach((lineMap, li) => {
    const line = lines[li] ?? ''
    const segs: [number, number][] = []
    let col = 0
    for (const seg of lineMap.split(',')) {
      if (!seg) continue
      const vals: number[] = []
      let v = 0
      let shift = 0
      for (const ch of seg) {
        let d = B64.indexOf(ch)
        const more = d & 32
        d &= 31
        v += d << shift
        if (more) shift += 5
        else {
          vals.push(v & 1 ? -(v >>> 1) : v >>> 1)
          v = 0
          shift = 0
        }
      }
      col += vals[0]!
      if (vals.length > 1) src += vals[1]!
      segs.push([col, vals.length > 1 ? src : -1])
    }
    segs.forEach(([c, s], i) => {
      if (s < 0) return
      const end = i + 1 < segs.length ? segs[i + 1]![0] : line.length
      out.set(name(s), (out.get(name(s)) ?? 0) + end - c)
    })
  })
  return out
}

function staticImports(code: string): string[] {
  const found = new Set<string>()
  for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["']\.\/([^"']+\.js)["']/g)) found.add(m[1]!)
  return [...found]
}

function closure(start: string[], chunks: Map<string, Chunk>): string[] {
  const seen = new Set<string>()
  const todo = [...start]
  while (todo.length > 0) {
    const f = todo.pop()!
    if (seen.has(f) || !chunks.has(f)) continue
    seen.add(f)
    todo.push(...chunks.get(f)!.imports)
  }
  return [...seen]
}

/** Reads `root`/dist (vite build output, with source maps). */
export function readBuiltApp(root: string, editorEntry = 'src/app/mountApp.tsx'): BuiltApp {
  const assets = path.join(root, 'dist', 'assets')
  const chunks = new Map<string, Chunk>()
  for (const name of readdirSync(assets)) {
    if (!name.endsWith('.js')) continue
    const code = readFileSync(path.join(assets, name), 'utf8')
    const mapFile = path.join(assets, `${name}.map`)
    // (the HTML entry's own small chunk, vite's modulepreload polyfill, comes without a map)
    const map = existsSync(mapFile) ? (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string }) : { sources: [], mappings: '' }
    chunks.set(name, {
      file: name,
      bytes: Buffer.byteLength(code),
      gzip: gzipSync(code).length,
      imports: staticImports(code),
      modules: bytesPerSource(code, map, assets, root),
    })
  }
  const html = readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')
  const script = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(html)?.[1]
  if (!script || !chunks.has(script)) throw new Error('dist/index.html: no entry script')
  const entry = closure([script], chunks)
  const app = [...chunks.values()].find((c) => c.modules.has(editorEntry))
  if (!app) throw new Error(`no chunk holds ${editorEntry}`)
  const editor = closure([app.file], chunks).filter((f) => !entry.includes(f))
  const lazy = [...chunks.keys()].filter((f) => !entry.includes(f) && !editor.includes(f)).sort()
  return { chunks, entry, editor, lazy }
}

/** Sum of minified bytes and of gzip sizes (each chunk gzipped on its own, as it is served). */
export function sizeOf(app: BuiltApp, files: readonly string[]): { bytes: number; gzip: number } {
  let bytes = 0
  let gzip = 0
  for (const f of files) {
    bytes += app.chunks.get(f)!.bytes
    gzip += app.chunks.get(f)!.gzip
  }
  return { bytes, gzip }
}
