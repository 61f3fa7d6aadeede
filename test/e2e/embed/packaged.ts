import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// The npm package as a user gets it: built (`npm run build:package`), packed (`npm pack`) and
// installed from the tarball into a fresh project. better-sqlite3 compiles on install (minutes);
// the tests hand its install script the module this checkout already built, as a local prebuild,
// and install with --prefer-offline from npm's cache, so the whole set-up stays near a minute.
export const root = path.resolve(import.meta.dirname, '..', '..', '..')

export function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; allowFail?: boolean }): { status: number; out: string } {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out.slice(-4000)}`)
  return { status: r.status ?? -1, out }
}

/** Runs a command in the background; resolves with its exit status and output (never rejects on a failing status). */
export function shResult(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ status: number; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.stderr.on('data', (d: Buffer) => (out += d.toString()))
    p.once('error', reject)
    p.on('exit', (code) => resolve({ status: code ?? -1, out }))
  })
}

/** Runs a command in the background and resolves once it has finished (rejecting on failure). */
export function shAsync(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.stderr.on('data', (d: Buffer) => (out += d.toString()))
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out.slice(-4000)}`))))
  })
}

export interface Packed {
  dir: string
  tarball: string
  /** env for npm commands: better-sqlite3 finds its prebuilt module locally */
  env: NodeJS.ProcessEnv
  remove(): void
}

/** Builds the package (the web app must be built: dist/index.html) and packs it into a temp dir. */
export function buildAndPack(): Packed {
  if (!existsSync(path.join(root, 'dist', 'index.html'))) sh(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root })
  // --no-check: declarations emitted without type-checking the tree again (CI's typecheck step does
  // that; the package test type-checks a consumer against the emitted .d.ts)
  sh(process.execPath, [path.join(root, 'scripts', 'buildPackage.mjs'), '--skip-app', '--no-check'], { cwd: root })
  const dir = path.join(os.tmpdir(), `tessera-pack-${process.pid}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const name = sh('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root }).out.trim().split('\n').pop()!
  const prebuilds = path.join(dir, 'prebuilds')
  const sqlite = path.join(root, 'node_modules', 'better-sqlite3')
  const version = (JSON.parse(readFileSync(path.join(sqlite, 'package.json'), 'utf8')) as { version: string }).version
  mkdirSync(path.join(prebuilds, 'build', 'Release'), { recursive: true })
  cpSync(path.join(sqlite, 'build', 'Release', 'better_sqlite3.node'), path.join(prebuilds, 'build', 'Release', 'better_sqlite3.node'))
  const file = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  sh('tar', ['-czf', file, 'build'], { cwd: prebuilds })
  return {
    dir,
    tarball: path.join(dir, name),
    env: { npm_config_better_sqlite3_local_prebuilds: prebuilds, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Copies the example host into `project` and installs the tarball (and React, types) there. */
export async function installHost(packed: Packed, project: string): Promise<void> {
  cpSync(path.join(root, 'examples', 'host'), project, { recursive: true, filter: (src) => !/node_modules|public\/app\.js|[\\/]data$/.test(src) })
  // the example names the tarball beside the repository; here it is the one just packed
  const pkgFile = path.join(project, 'package.json')
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> }
  pkg.dependencies.tessera = `file:${packed.tarball}`
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2))
  await shAsync('npm', ['install', '--prefer-offline', '--no-package-lock'], { cwd: project, env: packed.env })
}

/** Removes npx's cached install of this tarball (npx keeps one per package spec). */
export function forgetNpxInstall(tarball: string): void {
  const cache = path.join(os.homedir(), '.npm', '_npx')
  if (!existsSync(cache)) return
  for (const d of readdirSync(cache)) {
    const pkg = path.join(cache, d, 'package.json')
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes(tarball)) rmSync(path.join(cache, d), { recursive: true, force: true })
  }
}

export interface Started {
  proc: ChildProcess
  port: number
  output: () => string
  stop(): Promise<void>
}

/** Starts a process and waits until its output matches `listening` (the first group is the port). */
export function startUntil(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; listening: RegExp; timeoutMs: number }): Promise<Started> {
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start within ${opts.timeoutMs} ms:\n${out}`)), opts.timeoutMs)
    const on = (d: Buffer) => {
      out += d.toString()
      const m = opts.listening.exec(out)
      if (!m) return
      clearTimeout(timer)
      resolve({
        proc,
        port: Number(m[1]),
        output: () => out,
        // npx runs the server as its child: signal the whole process group we started
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid!, 'SIGTERM')
          await exited
        },
      })
    }
    proc.stdout!.on('data', on)
    proc.stderr!.on('data', on)
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${cmd} exited with ${code} before listening:\n${out}`))
    })
  })
}
