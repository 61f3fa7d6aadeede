import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const UNIT = ['test/unit', 'test/property']

/**
 * Unit files that need a fresh process each: those that mock modules, stub globals or fake the
 * clock. Vitest resets its module mocks only between isolated files (a `vi.mock` would reach the
 * next file in a shared process), and a faked clock meets timers that earlier files' modules
 * left behind (the server's process-wide tickers: ticker.test counted 1 timer instead of 2).
 */
function unitFilesNeedingIsolation(): string[] {
  const root = path.dirname(fileURLToPath(import.meta.url))
  const uses = /\bvi\.(?:mock|doMock|unmock|doUnmock|stubGlobal|stubEnv|useFakeTimers)\(/
  return UNIT.flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
      .filter((f) => uses.test(readFileSync(path.join(root, f), 'utf8'))),
  )
}
const unitIsolated = unitFilesNeedingIsolation()

// Three suites, run one after another by scripts/test.mjs:
//  unit        pure modules and seeded property tests (fast, no processes); `unit-isolated` holds
//              the few of them that mock modules or fake the clock (`--project 'unit*'` runs both)
//  integration the real server CLI spawned on port 0, stock WebsocketProvider clients
//  e2e         real headless Chromium (playwright-core) against the real server
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: UNIT.map((d) => `${d}/**/*.test.ts`),
          exclude: unitIsolated,
          environment: 'node',
          testTimeout: 60_000,
          // One worker process runs these files one after another (a fresh process per file spent
          // ~0.5 s each on start-up and imports: 64 of the project's 111 s in a quiet fresh-clone run).
          isolate: false,
          // Two such processes: in npm test the unit run starts beside tsc and the build, and
          // its last ~30 s (quiet CI) came after them, on one core while the other was idle.
          // unit-isolated must have the same maxWorkers (vitest wants it for projects of one group).
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: unitIsolated,
          maxWorkers: 2,
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          // a worker process runs many files (the servers under test are child
          // processes; in-process ones are closed by their files). Whole project, load 12-14:
          // 214/214 passed, vitest's "import" 12 s (57 s isolated, at load 7-11)
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Three files at a time: each has its own server and Chromium, and most of a browser test
          // is waiting (sync round-trips, polling); with two, a quiet run used under half of the 2
          // cores. Whole project, --no-cache, load 9-24: 2 workers 872 s (134/135), 3 workers 639
          // and 691 s (135/135 both).
          fileParallelism: true,
          maxWorkers: 3,
          // A worker process runs many files one after another (a fresh process per file cost its
          // start and imports: playwright-core alone ~1.1 s of CPU). Each file still launches its
          // own Chromium: one shared by the files leaked the browser-wide clipboard (a middle-button
          // drag in viewControls pasted text an earlier file had copied).
          isolate: false,
          // Real browsers on a shared 2-core CI box: one retry in CI (like Playwright's CI default).
          // A retried test is reported by vitest; known flaky: offline/localCopies 'view link' (1 in ~5 full runs).
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
})
