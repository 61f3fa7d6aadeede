// `npm run build:package`: what the npm tarball ships besides the web app (dist/):
//   lib/server/  tessera/server and the CLI (bin/tessera.js runs lib/server/cli.js when the
//                TypeScript sources are not there, i.e. in an installed package)
//   lib/react/   tessera/react: <TesseraBoard>, with its CSS injected once at run time
//   lib/types/   .d.ts for both entry points (tsc)
// Dependencies stay external (npm installs them); React and React DOM are the host's.
// `--skip-app` skips the web app build (dist/ already built). `--no-check` emits the declarations
// without type-checking the tree first (tsc --noCheck: the same .d.ts in half the time), for
// callers that type-check it themselves (CI runs `npm run typecheck`; the package test builds it).
import { build } from 'esbuild'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const lib = path.join(root, 'lib')
const skipApp = process.argv.includes('--skip-app')
const noCheck = process.argv.includes('--no-check')

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status}`)
}

/** Like run, in the background: resolves when the command has succeeded. */
function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: root, stdio: 'inherit' })
    p.once('error', reject)
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed with ${code}`))))
  })
}

/** CSS imported by the editor becomes a <style> element added to the page once, on first import. */
const injectCss = {
  name: 'inject-css',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, (args) => {
      const css = readFileSync(args.path, 'utf8')
      const id = `tessera-${path.basename(args.path, '.css')}`
      return {
        loader: 'js',
        contents:
          `if (typeof document !== 'undefined' && !document.getElementById(${JSON.stringify(id)})) {\n` +
          `  const s = document.createElement('style'); s.id = ${JSON.stringify(id)}; s.textContent = ${JSON.stringify(css)}; document.head.appendChild(s)\n}\n`,
      }
    })
  },
}

/**
 * Relative imports in the emitted .d.ts get explicit `.js` / `/index.js` ends, so hosts whose
 * tsconfig resolves like Node (`"module": "nodenext"`) read the types as well as bundler ones.
 */
function fullySpecify(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) {
      fullySpecify(file)
      continue
    }
    if (!name.endsWith('.d.ts')) continue
    const text = readFileSync(file, 'utf8').replace(/(from\s*|import\()(['"])(\.{1,2}\/[^'"]*)\2/g, (m, lead, q, spec) => {
      const bare = spec.replace(/\.tsx?$/, '')
      const base = path.resolve(path.dirname(file), bare)
      if (existsSync(`${base}.d.ts`)) return `${lead}${q}${bare}.js${q}`
      if (existsSync(path.join(base, 'index.d.ts'))) return `${lead}${q}${bare}/index.js${q}`
      return m
    })
    writeFileSync(file, text)
  }
}

rmSync(lib, { recursive: true, force: true })
if (!skipApp) run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'])

// the declarations (tsc, the long part) are emitted while esbuild bundles the code
const types = runAsync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.package.json'), ...(noCheck ? ['--noCheck'] : [])])

await build({
  entryPoints: { index: path.join(root, 'server', 'index.ts'), cli: path.join(root, 'server', 'cli.ts') },
  outdir: path.join(lib, 'server'),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})

await build({
  entryPoints: { index: path.join(root, 'src', 'canvas', 'index.ts') },
  outdir: path.join(lib, 'react'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  packages: 'external',
  plugins: [injectCss],
  sourcemap: true,
  logLevel: 'warning',
})

await types
fullySpecify(path.join(lib, 'types'))
console.log('built lib/server, lib/react and lib/types')
