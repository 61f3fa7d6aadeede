#!/usr/bin/env node
// `npx tessera …`. In a checkout the server is TypeScript under server/: scripts/loadServer.mjs
// bundles it with esbuild and runs it as plain JavaScript. The published package ships that
// build already (lib/server/cli.js, `npm run build:package`) and no TypeScript sources.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const { main } = existsSync(path.join(root, 'server', 'cli.ts'))
  ? await (await import('../scripts/loadServer.mjs')).loadServer()
  : await import(pathToFileURL(path.join(root, 'lib', 'server', 'cli.js')).href)
await main(process.argv.slice(2))
