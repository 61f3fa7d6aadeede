import { statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, SqliteStorage } from '../../../server/storage/sqlite'
import { useTmpDirs } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'

// Issue 16, row 5: a 299 MB document made the data dir peak at 3.15 GB — every compaction of a
// large document writes a snapshot of it through the WAL, and the WAL file never shrank. Real
// SQLite files here: after repeated compactions of a large document the WAL stays bounded.

const walSize = (dir: string) => {
  try {
    return statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size
  } catch {
    return 0
  }
}

describe('security: storage growth from compactions of a large document', () => {
  const freshDir = useTmpDirs('tessera-walgrowth-')

  it('the WAL file shrinks back after each compaction instead of keeping its high-water mark', async () => {
    const dir = freshDir()
    const storage = new SqliteStorage(dir)
    const doc = new Y.Doc()
    const DOC_BYTES = 6 * 1024 * 1024
    let peak = 0
    let appended = 0
    try {
      for (let round = 0; round < 8; round++) {
        const before = Y.encodeStateVector(doc)
        // a large value replaced each round: the document stays ~6 MB, every compaction writes all of it
        doc.getMap('items').set('big', `${round}`.repeat(DOC_BYTES))
        const update = Y.encodeStateAsUpdate(doc, before)
        appended += update.length
        storage.appendSync('room', [update])
        await storage.compact('room', Y.encodeStateAsUpdate(doc))
        // compactions and checkpoints run beside the next writes; the WAL must come back down
        await waitFor(() => walSize(dir) <= 2 * DOC_BYTES, { timeout: 5_000, message: `the WAL to shrink after compaction ${round}` })
        peak = Math.max(peak, walSize(dir))
      }
      // and the stored document is whole
      const loaded = new Y.Doc()
      Y.applyUpdate(loaded, (await storage.load('room'))!)
      expect((loaded.getMap('items').get('big') as string).length).toBe(DOC_BYTES)
    } finally {
      await storage.close()
    }
    expect(peak).toBeLessThanOrEqual(2 * DOC_BYTES)
    // The database file holds the updates kept for history replay (CONTRACT §7) plus about one
    // snapshot (and the free pages of the one before), not a copy per compaction.
    expect(statSync(path.join(dir, DATABASE_FILE)).size).toBeLessThan(appended + 3 * DOC_BYTES)
  })
})
