#!/usr/bin/env node
// Runs a TypeScript entry file with tsx's ESM loader: `node scripts/tsx.mjs file.ts [args]`.
import { register } from 'tsx/esm/api'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

register()
const entry = process.argv[2]
if (!entry) {
  console.error('usage: node scripts/tsx.mjs <file.ts> [args...]')
  process.exit(2)
}
process.argv.splice(1, 2, path.resolve(entry))
await import(pathToFileURL(path.resolve(entry)).href)
