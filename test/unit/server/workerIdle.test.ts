import { readdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../../server/ws/protocol'
import { stopTrialWorker, trialOffThread, trialsInFlight, trialWorkerRunning } from '../../../server/limits/trialWorker'
import { SqliteStorage } from '../../../server/storage/sqlite'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'

// Worker threads end after a spell with nothing to do (server/workerIdle.ts); the next job starts a
// new one and runs there. Here the idle time is 150 ms instead of 30 s.
const IDLE_MS = '150'
const threads = () => readdirSync('/proc/self/task').length

function bigFrame(): { frame: Uint8Array; update: Uint8Array } {
  const d = new Y.Doc()
  d.getMap('padding').set('p', 'x'.repeat(200_000))
  const update = Y.encodeStateAsUpdate(d)
  const frame = encodeUpdate(update).slice()
  return { frame, update: frame.subarray(frame.length - update.length) }
}

describe('worker threads with nothing to do end, and the next job starts one again', () => {
  let before: string | undefined
  beforeAll(() => {
    before = process.env.TESSERA_TEST_WORKER_IDLE_MS
    process.env.TESSERA_TEST_WORKER_IDLE_MS = IDLE_MS
  })
  afterAll(async () => {
    if (before === undefined) delete process.env.TESSERA_TEST_WORKER_IDLE_MS
    else process.env.TESSERA_TEST_WORKER_IDLE_MS = before
    await stopTrialWorker()
  })
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('the trial worker ends once idle; the next big update is tried on a new worker (its frame lent to it), not on the main thread', async () => {
    for (let round = 0; round < 3; round++) {
      const { frame, update } = bigFrame()
      const pending = trialOffThread(update, frame)
      expect(frame.byteLength).toBe(0) // lent to a worker thread
      expect(trialsInFlight()).toBe(1)
      expect(trialWorkerRunning()).toBe(true)
      expect((await pending).applies).toBe(true)
      await waitFor(() => !trialWorkerRunning(), { timeout: 10_000, message: 'the idle trial worker to end' })
    }
  })

  it('a compaction after the compaction worker ended is staged by a new one', async () => {
    const dir = tmpDir('tessera-worker-idle-')
    cleanups.push(() => dir.remove())
    const storage = new SqliteStorage(dir.dir)
    cleanups.push(() => storage.close())
    const doc = new Y.Doc()
    doc.on('update', (u: Uint8Array) => void storage.append('r', u))
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) doc.getMap('items').set(`k${round}-${i}`, 'x'.repeat(64 * 1024))
      await new Promise((r) => setTimeout(r, 0))
      const staged = await storage.stageCompaction('r')
      const alive = threads()
      expect(staged).not.toBeNull()
      await storage.commitCompaction(staged!)
      await storage.finishCompaction(staged!)
      const back = new Y.Doc()
      Y.applyUpdate(back, (await storage.load('r'))!)
      expect(Object.keys(back.getMap('items').toJSON())).toHaveLength(4 * (round + 1))
      // the worker's thread ends once idle (this process's threads, Linux)
      await waitFor(() => threads() < alive, { timeout: 10_000, message: 'the idle compaction worker to end' })
    }
  })
})
