#!/usr/bin/env node
// `npx tessera …`: the server is written in TypeScript; scripts/loadServer.mjs bundles it with
// esbuild and runs it as plain JavaScript.
import { loadServer } from '../scripts/loadServer.mjs'

const { main } = await loadServer()
await main(process.argv.slice(2))
