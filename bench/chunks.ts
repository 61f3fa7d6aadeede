// The web app's JavaScript as a board's page loads it (issue 20: "keep the editor chunk no larger
// than today's"): the entry script, the editor chunk (mountApp and the chunks it imports
// statically, fetched at once through modulepreload) and every chunk fetched on demand, each
// minified and gzipped (zlib's default level, one chunk at a time, as served), with the largest
// source modules of each. Run after a build: npx vite build && node scripts/tsx.mjs bench/chunks.ts
import path from 'node:path'
import { readBuiltApp, sizeOf, type Chunk } from '../build/builtChunks'

const root = path.resolve(import.meta.dirname, '..')
const app = readBuiltApp(root)
const TOP = Number(process.argv[process.argv.indexOf('--top') + 1]) || 6

/** 'node_modules/konva/lib/Node.js' → 'konva'; sources keep their path. */
function owner(module: string): string {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)
  return m ? m[1]! : module
}

function top(chunk: Chunk): string {
  const by = new Map<string, number>()
  for (const [m, b] of chunk.modules) by.set(owner(m), (by.get(owner(m)) ?? 0) + b)
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([m, b]) => `${m} ${(b / 1000).toFixed(1)} K`)
    .join(', ')
}

function group(title: string, files: readonly string[]): void {
  const total = sizeOf(app, files)
  console.log(`${title}: ${total.bytes.toLocaleString('en')} B minified, ${total.gzip.toLocaleString('en')} B gzip`)
  for (const f of files) {
    const c = app.chunks.get(f)!
    console.log(`  ${f.padEnd(36)} ${String(c.bytes).padStart(8)} ${String(c.gzip).padStart(7)}   ${top(c)}`)
  }
}

group('entry (opens the connection)', app.entry)
group('editor chunk (mountApp + its static imports)', app.editor)
group('on demand', app.lazy)
