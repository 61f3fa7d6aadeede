#!/usr/bin/env node
// `npm start`: builds the web app when dist/ is missing or older than its sources, then
// serves it together with the sync server on one port (default http://localhost:1234).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

function newestMtime(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = 0
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)))
  return newest
}

const built = path.join(root, 'dist', 'index.html')
const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => newestMtime(path.join(root, p)))
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources)) {
  console.log('building the web app (vite build)…')
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const { loadServer } = await import('./loadServer.mjs')
const { main } = await loadServer()
await main(['serve', ...process.argv.slice(2)])
