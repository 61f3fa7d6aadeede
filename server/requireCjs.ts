/**
 * Loads a CommonJS package with `require` rather than `import`. Node reads a CommonJS module that
 * an ES module imports with its export lexer (cjs-module-lexer) to find its named exports, and an
 * idle server lexing ws, pino and better-sqlite3 at start got the lexer optimized by TurboFan on a
 * background thread; that compilation's memory stayed in the process (peak malloc 6 MB against
 * 1.4, ~1.5 MB more RSS at idle). `require` loads the same module instances without lexing them.
 */
import { createRequire } from 'node:module'

export const requireCjs = createRequire(import.meta.url)
