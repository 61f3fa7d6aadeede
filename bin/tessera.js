#!/usr/bin/env node
// `npx tessera …` — the server is written in TypeScript and run through tsx's loader.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../server/cli.ts')
await main(process.argv.slice(2))
