/**
 * A throwaway PostgreSQL server for tests: Debian's `initdb`/`postgres` (from
 * /usr/lib/postgresql/<version>/bin) in a temp dir, on a free port on 127.0.0.1, its unix socket
 * inside the temp dir. PostgreSQL refuses to run as root, so as root the temp dir is given to the
 * `postgres` user and both programs run through `runuser -u postgres --`. Stopped by the
 * postmaster's PID (never by name: other tests' servers may be running).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { freePort, waitForExit } from './processes'
import { tmpDir } from './tmpDir'

export interface RunningPostgres {
  /** connection URL of the `postgres` database, e.g. postgres://postgres@127.0.0.1:5433/postgres */
  url: string
  port: number
  /** the postmaster's PID (null while stopped) */
  pid(): number | null
  /** a fresh, empty database on this server; returns its URL */
  createDatabase(name?: string): Promise<string>
  /** fast shutdown (SIGINT to the postmaster); resolves once it has exited */
  stop(): Promise<void>
  /** starts it again on the same port and data directory */
  start(): Promise<void>
  /** stops it and removes the temp dir */
  dispose(): Promise<void>
}

/** The bin directory of the newest installed PostgreSQL major version. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `npm test`, which installs it, or `apt-get install postgresql`')
  }
  return path.join(base, versions[0]!, 'bin')
}

const isRoot = process.getuid?.() === 0

/** argv that runs `program` as the postgres user when we are root. */
function asPostgres(program: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args]
}

let databases = 0

/** `durable`: fsync and full-page writes on, as a production server runs (benchmarks); tests run without. */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir()
  const tmp = tmpDir('tessera-pg-')
  const dataDir = path.join(tmp.dir, 'data')
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(tmp.dir, uid, gid)
  }
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  execFileSync(initCmd, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  let proc: ChildProcess | null = null
  let postmaster: number | null = null
  let log = ''

  const start = async () => {
    // fsync off: these servers live for one test file; a test that kills Tessera never kills PostgreSQL hard.
    const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
      '-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', tmp.dir,
      ...(opts.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']), '-c', 'max_connections=200', '-c', 'shared_buffers=16MB',
    ])
    proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    proc.stdout!.on('data', (d: Buffer) => (log += d.toString()))
    proc.stderr!.on('data', (d: Buffer) => (log += d.toString()))
    const deadline = Date.now() + 30_000
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`postgres exited with ${proc.exitCode}:\n${log}`)
      if (await canConnect(url)) break
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s:\n${log}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  }

  const stop = async () => {
    const pid = postmaster
    postmaster = null
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGINT')
      } catch {
        // already gone
      }
      await waitForExit(pid, 20_000)
    }
    proc = null
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  await start()
  const killOnExit = () => {
    if (postmaster !== null) try { process.kill(postmaster, 'SIGKILL') } catch { /* gone */ }
  }
  process.once('exit', killOnExit)

  return {
    url,
    port,
    pid: () => postmaster,
    async createDatabase(name = `t${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name}"`)
      } finally {
        await client.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    stop,
    start,
    async dispose() {
      await stop()
      process.off('exit', killOnExit)
      tmp.remove()
    },
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}
