import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { tmpDir } from './tmpDir'

const root = path.resolve(import.meta.dirname, '..', '..')
const BIN = path.join(root, 'bin', 'tessera.js')

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (https:// when started with --tls-cert/--tls-key) */
  url: string
  /** e.g. ws://127.0.0.1:41234 */
  wsUrl: string
  port: number
  dataDir: string
  proc: ChildProcess
  /** everything the process wrote to stdout+stderr so far */
  output: () => string
  /** SIGTERM and wait for exit; returns the exit code */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  /** stop (if running) and remove the data dir unless keepData */
  dispose: () => Promise<void>
}

export interface StartOptions {
  /** extra CLI flags, e.g. ['--open'] */
  args?: string[]
  /** reuse a data dir (e.g. for restarts); otherwise a fresh temp dir */
  dataDir?: string
  /** the fixed port to use (restarts on the same port); default 0 */
  port?: number
  env?: Record<string, string>
  keepData?: boolean
  /** how long to wait for the listening line (default 20 s) */
  startTimeoutMs?: number
}

/** Spawns the real CLI (`tessera serve --host 127.0.0.1 --port 0 --data DIR`) and waits for its listening line. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const tmp = opts.dataDir ? null : tmpDir('tessera-data-')
  const dataDir = opts.dataDir ?? tmp!.dir
  const args = [BIN, 'serve', '--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--data', dataDir, ...(opts.args ?? [])]
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))

  let secure = false
  const port = await new Promise<number>((resolve, reject) => {
    const limit = opts.startTimeoutMs ?? 60_000
    const timer = setTimeout(() => reject(new Error(`server did not start within ${limit / 1000} s:\n${out}`)), limit)
    const onData = () => {
      const m = /tessera listening on (https?):\/\/[^\s:]+:(\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        secure = m[1] === 'https'
        resolve(Number(m[2]))
      }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', onData)
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${out}`))
    })
  })

  let stopped = false
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!stopped && proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
    stopped = true
    return exited
  }
  return {
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    port,
    dataDir,
    proc,
    output: () => out,
    stop,
    dispose: async () => {
      await stop()
      if (tmp && !opts.keepData) tmp.remove()
    },
  }
}
