// Preload for a server process (`NODE_OPTIONS=--import <this file's URL>`): every ES module the
// process loads from then on is written, one URL a line, to the file named by
// TESSERA_TEST_MODULE_LOG (a module resolve hook, on node's hooks thread). Tests read it to see
// what a server has loaded so far.
import { appendFileSync } from 'node:fs'
import { register } from 'node:module'

if (process.env.TESSERA_TEST_MODULE_LOG && !globalThis.__tesseraModuleLog) {
  globalThis.__tesseraModuleLog = true
  register(import.meta.url, { data: { log: process.env.TESSERA_TEST_MODULE_LOG } })
}

let log = null

export function initialize(data) {
  log = data.log
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  if (log) appendFileSync(log, `${result.url}\n`)
  return result
}
