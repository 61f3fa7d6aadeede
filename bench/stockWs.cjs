// Preload for the reference and Hocuspocus (`node --require <this file>`): their ws, as a stock
// install runs it, without the optional native `bufferutil` that Tessera depends on (ws looks for it
// in any node_modules above it, so in this checkout they would find ours). BENCH_OTHERS_BUFFERUTIL=1
// leaves it to them.
'use strict'
const Module = require('node:module')

if (!process.env.BENCH_OTHERS_BUFFERUTIL) {
  const resolve = Module._resolveFilename
  Module._resolveFilename = function (request, ...rest) {
    if (request === 'bufferutil') {
      const err = new Error(`Cannot find module '${request}' (hidden by bench/stockWs.cjs)`)
      err.code = 'MODULE_NOT_FOUND'
      throw err
    }
    return resolve.call(this, request, ...rest)
  }
}
