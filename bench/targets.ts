// The servers a benchmark runs against, each its own process on 127.0.0.1: ours (the real CLI),
// the reference (@y/websocket-server 0.1.1, what `npx y-websocket` runs) and Hocuspocus 4.7
// (bench/hocuspocusServer.mjs). With pinning on, every server runs on one core (`taskset -c 1`)
// and the load generator is asked to stay on the other (see pinSelf).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export const HOST = '127.0.0.1'
const root = path.resolve(import.meta.dirname, '..')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export type ServerKind = 'ours' | 'reference' | 'hocuspocus'
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'reference', 'hocuspocus']

export interface Target {
  name: ServerKind
  port: number
  proc: ChildProcess
  dataDir: string | null
}

export interface StartOptions {
  /** run the server under `taskset -c <core>` (null: not pinned) */
  core?: number | null
  /** extra CLI flags for ours (e.g. ['--ws-deflate']) */
  args?: string[]
  env?: Record<string, string>
  /** flags for node itself (e.g. ['--cpu-prof']) */
  nodeArgs?: string[]
}

/** Whether `taskset` exists here (pinning is skipped without it). */
export const canPin = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset')

/** Moves this process (the load generator) onto `core`; false when it cannot. */
export function pinSelf(core: number): boolean {
  if (!canPin) return false
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, HOST, () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

export async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, HOST, () => (c.destroy(), resolve(true)))
      c.on('error', () => resolve(false))
    })
    if (ok) return
    await sleep(50)
  }
  throw new Error(`nothing listening on ${port}`)
}

/** servers still running: ended (by PID) when this process exits, even after a crash */
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL')
})

function launch(args: string[], env: Record<string, string>, opts: StartOptions): ChildProcess {
  const core = opts.core
  args = [...(opts.nodeArgs ?? []), ...args]
  const [cmd, argv] = core != null && canPin ? ['taskset', ['-c', String(core), process.execPath, ...args]] : [process.execPath, args]
  const proc = spawn(cmd as string, argv as string[], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'] })
  live.add(proc)
  proc.once('exit', () => live.delete(proc))
  return proc
}

export async function startTarget(kind: ServerKind, dataDir: string, opts: StartOptions = {}): Promise<Target> {
  const port = await freePort()
  const env = { HOST, PORT: String(port), ...opts.env }
  let proc: ChildProcess
  if (kind === 'ours') {
    // BENCH_OURS_ROOT: another checkout of Tessera (e.g. an older commit, for a before/after)
    const args = [path.join(process.env.BENCH_OURS_ROOT ?? root, 'bin/tessera.js'), 'serve', '--open', '--host', HOST, '--port', String(port), '--data', dataDir, ...(opts.args ?? [])]
    proc = launch(args, { TESSERA_UNLOAD_GRACE_MS: '300', ...env }, opts)
  } else {
    // their ws without our native bufferutil, as a stock install runs them (bench/stockWs.cjs)
    const stock = { ...opts, nodeArgs: ['--require', path.join(import.meta.dirname, 'stockWs.cjs'), ...(opts.nodeArgs ?? [])] }
    const main = kind === 'reference' ? path.join(root, 'node_modules/@y/websocket-server/src/server.js') : path.join(import.meta.dirname, 'hocuspocusServer.mjs')
    proc = launch([main], env, stock)
  }
  await waitForPort(port)
  return { name: kind, port, proc, dataDir: kind === 'ours' ? dataDir : null }
}

/** Ends the server by its PID (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stop(t: Target): Promise<void> {
  if (t.proc.exitCode !== null || t.proc.signalCode !== null) return
  const exited = new Promise((r) => t.proc.once('exit', r))
  t.proc.kill('SIGTERM')
  const timer = setTimeout(() => t.proc.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** The server process's resident memory, KiB. (Under taskset the pid is the server's: taskset execs it.) */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : NaN
}

/** CPU seconds (user + system) the process used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // after the command: state(0) … utime(11) stime(12), in clock ticks (100 Hz on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100
}
