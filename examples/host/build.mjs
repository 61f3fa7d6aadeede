// Bundles the client (client/main.tsx) into public/app.js with the esbuild that comes with tessera.
import { build } from 'esbuild'

await build({
  entryPoints: ['client/main.tsx'],
  outfile: 'public/app.js',
  bundle: true,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
}).then(async (r) => {
  const { writeFileSync } = await import('node:fs')
  writeFileSync('public/meta.json', JSON.stringify(r.metafile))
})
