import { afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh temporary directory and a function that removes it. */
export function tmpDir(prefix = 'tessera-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Call at a file's or a describe's top level: returns a maker of fresh temp dirs, each removed after its test. */
export function useTmpDirs(prefix: string): () => string {
  const dirs: Array<{ remove: () => void }> = []
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove()
  })
  return () => {
    const d = tmpDir(prefix)
    dirs.push(d)
    return d.dir
  }
}
