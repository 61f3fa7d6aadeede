/**
 * A throwaway Redis for tests: `redis-server` on a free port on 127.0.0.1, no persistence
 * (`--save '' --appendonly no`), so a restart starts empty like a lost Redis. Stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { freePort, waitForExit } from './processes'
import { tmpDir } from './tmpDir'

export interface RunningRedis {
  /** e.g. redis://127.0.0.1:6380 */
  url: string
  port: number
  pid(): number | null
  /** SIGTERM and wait for the exit */
  stop(): Promise<void>
  /** starts it again on the same port (empty) */
  start(): Promise<void>
  dispose(): Promise<void>
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort()
  const tmp = tmpDir('tessera-redis-')
  let proc: ChildProcess | null = null
  let log = ''

  const start = async () => {
    const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmp.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    proc = p
    p.stdout!.on('data', (d: Buffer) => (log += d.toString()))
    p.stderr!.on('data', (d: Buffer) => (log += d.toString()))
    p.once('error', (err) => (log += String(err)))
    const deadline = Date.now() + 15_000
    while (!(await ping(port))) {
      if (p.exitCode !== null || p.pid === undefined) throw new Error(`redis-server did not start (is it installed? \`apt-get install redis-server\`):\n${log}`)
      if (Date.now() > deadline) throw new Error(`redis-server did not answer within 15 s:\n${log}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  const stop = async () => {
    const pid = proc?.pid
    proc = null
    if (pid === undefined) return
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
    await waitForExit(pid, 10_000)
  }

  await start()
  const killOnExit = () => {
    if (proc?.pid) try { process.kill(proc.pid, 'SIGKILL') } catch { /* gone */ }
  }
  process.once('exit', killOnExit)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => proc?.pid ?? null,
    stop,
    start,
    async dispose() {
      await stop()
      process.off('exit', killOnExit)
      tmp.remove()
    },
  }
}

/** True when something on the port answers PING with +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.once('error', () => done(false))
    s.setTimeout(1_000, () => done(false))
    s.once('connect', () => s.write('PING\r\n'))
    s.once('data', (d: Buffer) => done(d.toString().startsWith('+PONG')))
  })
}
