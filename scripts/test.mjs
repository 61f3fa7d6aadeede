#!/usr/bin/env node
// `npm test`: every test of the project, in order, with one summary line at the end.
//   1. makes sure Debian's chromium (browser tests), postgresql and redis-server (storage and
//      cluster tests start throwaway ones) are installed: apt-get when missing
//   2. type-checks the whole tree and builds the web app (browser tests load the built app); the
//      unit project runs meanwhile (it needs neither; its two worker processes share the cores with tsc),
//      its output kept in a file and printed when it ends
//   3. runs the vitest projects integration → e2e
// The last line is `N passed, N failed`, summed over all suites; exit code 1 on any failure.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const resultsDir = path.join(root, '.test-results')
const CHROMIUM = '/usr/bin/chromium'
const only = process.argv.slice(2) // optional: subset of projects, e.g. `npm test -- unit`

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...opts, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env } })
  return r.status ?? 1
}

const aptEnv = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }
let aptUpdated = false

/** apt-get install of `packages` (apt-get update once per run first); false when apt-get failed. */
function aptInstall(packages) {
  if (!aptUpdated) {
    if (run('apt-get', ['update', '-qq'], aptEnv) !== 0) return false
    aptUpdated = true
  }
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], aptEnv) === 0
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true
  console.log('chromium not found: installing Debian package "chromium" with apt-get')
  aptInstall(['chromium', 'fonts-dejavu-core'])
  return existsSync(CHROMIUM)
}

/** Debian's PostgreSQL server binaries (initdb, postgres) of any installed major version. */
function hasPostgres() {
  const base = '/usr/lib/postgresql'
  return existsSync(base) && readdirSync(base).some((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
}

/** PostgreSQL and Redis for the storage and cluster tests (test/helpers/postgres.ts, redis.ts start them). */
function ensureClusterServers() {
  const missing = []
  if (!hasPostgres()) missing.push('postgresql')
  if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server')
  if (missing.length === 0) return true
  console.log(`${missing.join(' and ')} not found: installing Debian packages with apt-get`)
  aptInstall(missing)
  return hasPostgres() && spawnSync('redis-server', ['--version']).status === 0
}

let passed = 0
let failed = 0
const notes = []
/** wall-clock seconds of each step, printed before the summary line */
const times = []
const t0 = Date.now()
let tLast = t0
function lap(name) {
  const now = Date.now()
  times.push(`${name} ${Math.round((now - tLast) / 1000)} s`)
  tLast = now
}

function step(name, ok) {
  if (ok) {
    passed += 1
  } else {
    failed += 1
    notes.push(`${name} failed`)
  }
}

const projects = ['unit', 'integration', 'e2e'].filter((p) => only.length === 0 || only.includes(p))
const needsBrowser = projects.includes('e2e')

if (needsBrowser) step('chromium install', ensureChromium())
if (projects.includes('unit') || projects.includes('integration')) step('postgresql and redis-server install', ensureClusterServers())
lap('apt checks')
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

/** the vitest projects of each suite: unit files that mock modules or fake the clock have a project of their own (vitest.config.ts) */
const vitestProjects = { unit: ['unit', 'unit-isolated'], integration: ['integration'], e2e: ['e2e'] }
const vitestArgs = (project) => [
  'vitest', 'run', ...vitestProjects[project].flatMap((p) => ['--project', p]), '--passWithNoTests',
  '--reporter=default', '--reporter=json', `--outputFile=${path.join(resultsDir, `${project}.json`)}`,
]

/** The unit project in the background, its output in a file: resolves with its exit code. */
function startUnit() {
  const logFile = path.join(resultsDir, 'unit.log')
  const fd = openSync(logFile, 'w')
  console.log(`\n$ npx ${vitestArgs('unit').join(' ')}   (in the background, output below when it ends)`)
  const child = spawn('npx', vitestArgs('unit'), { cwd: root, stdio: ['ignore', fd, fd], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } })
  closeSync(fd)
  return new Promise((resolve) => {
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  }).then((code) => {
    process.stdout.write(readFileSync(logFile, 'utf8'))
    return code
  })
}
const unitDone = projects.includes('unit') ? startUnit() : null

step('typecheck (tsc --noEmit)', run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) === 0)
lap('tsc')
if (needsBrowser || projects.includes('integration')) step('web build (vite build)', run('npx', ['vite', 'build', '--logLevel', 'warn']) === 0)
lap('vite build')

for (const project of projects) {
  const out = path.join(resultsDir, `${project}.json`)
  const code = project === 'unit' ? await unitDone : run('npx', vitestArgs(project))
  let p = 0
  let f = 0
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'))
    p = report.numPassedTests ?? 0
    f = report.numFailedTests ?? 0
    // a file that fails to load or whose set-up fails has no failed test (they are skipped) but
    // failed itself: each such file counts as one failure
    for (const file of report.testResults ?? []) {
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) f += 1
    }
  }
  if (code !== 0 && f === 0) f = 1
  console.log(`[${project}] ${p} passed, ${f} failed`)
  lap(project === 'unit' ? 'unit (its rest, after the build)' : project)
  if (f > 0) notes.push(`${project}: ${f} failed`)
  passed += p
  failed += f
}

console.log('')
console.log(`times: ${times.join(', ')}; ${Math.round((Date.now() - t0) / 1000)} s in all`)
for (const n of notes) console.log(`FAILED: ${n}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
