// Preload for a server process (`NODE_OPTIONS=--import <this file's URL>`): every module the
// process loads from then on is written, one a line, to the file named by TESSERA_TEST_MODULE_LOG:
// ES modules by URL (a resolve hook, on node's hooks thread), CommonJS ones by file path (require
// goes through Module._load). Tests read it to see what a server has loaded so far.
import { appendFileSync } from 'node:fs'
import Module, { register } from 'node:module'

if (process.env.TESSERA_TEST_MODULE_LOG && !globalThis.__tesseraModuleLog) {
  globalThis.__tesseraModuleLog = true
  const file = process.env.TESSERA_TEST_MODULE_LOG
  register(import.meta.url, { data: { log: file } })
  const load = Module._load
  Module._load = function (request, parent, isMain) {
    const exported = load.call(this, request, parent, isMain)
    try {
      appendFileSync(file, `${Module._resolveFilename(request, parent, isMain)}\n`)
    } catch {
      // a request that resolves to nothing loggable
    }
    return exported
  }
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
