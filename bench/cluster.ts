// `npm run bench -- --cluster` (or `node scripts/tsx.mjs bench/cluster.ts`): Tessera as a cluster
// (CONTRACT §8) against one Tessera on SQLite, on 127.0.0.1 only. It starts a PostgreSQL (fsync
// on, as in production) and a Redis with the test helpers, three instances on them and one
// SQLite server, then measures, the set-ups interleaved round by round:
//   fan-out  50 raw y-websocket clients in one room at 30 Hz: one SQLite server; all 50 on one
//            instance of the cluster; the 50 spread round-robin over the 3 instances
//   cold join a 10,000-item room that is not in memory: from SQLite vs from PostgreSQL
//   W2       write throughput over 20 rooms × 3 writers + 1 watcher (bench/throughput.ts): one
//            SQLite server; the cluster with every client on one instance; spread over 3
// Method notes: docs/cluster-benchmark.md. Rounds: BENCH_CLUSTER_ROUNDS (default 3).
import os from 'node:os'
import { pathToFileURL } from 'node:url'
import { startPostgres, type RunningPostgres } from '../test/helpers/postgres'
import { startRedis, type RunningRedis } from '../test/helpers/redis'
import { startServer, type RunningServer } from '../test/helpers/server'
import { FANOUT_SECONDS, fanoutSamplesOver } from './fanout'
import { coldJoins } from './roomCosts'
import { median, percentile, round } from './stats'
import { throughput, W2 } from './throughput'

const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3)
const FANOUT_CLIENTS = 50
/** each fan-out client's send rate (30 as in `npm run bench`; BENCH_CLUSTER_HZ=10 for a machine that cannot carry 50 × 30 Hz) */
const FANOUT_HZ = Number(process.env.BENCH_CLUSTER_HZ ?? 30)
const SECRET = 'bench-cluster-secret-0123456789abcdef'

export interface ClusterBenchRow {
  measure: string
  sqlite: number | null
  clusterOne: number | null
  clusterThree: number | null
  unit: string
  note?: string
}

interface Setup {
  sqlite: RunningServer
  instances: RunningServer[]
  postgres: RunningPostgres
  redis: RunningRedis
}

async function startSetup(log: (s: string) => void): Promise<Setup> {
  log('starting PostgreSQL (fsync on) and Redis…')
  const [postgres, redis] = await Promise.all([startPostgres({ durable: true }), startRedis()])
  try {
    const database = await postgres.createDatabase()
    log('starting 3 cluster instances and 1 SQLite server…')
    const common = ['--open', '--unload-grace-ms', '300']
    // one after another: three cold starts at once on a small machine can pass the start timeout
    const instances: RunningServer[] = []
    for (let i = 0; i < 3; i++) {
      instances.push(await startServer({
        args: [...common, '--postgres', database, '--redis', redis.url, '--redis-prefix', `bench${process.pid}:`, '--auth-secret', SECRET, '--instance-id', `bench-${i}`],
        startTimeoutMs: 90_000,
      }))
    }
    const sqlite = await startServer({ args: common, startTimeoutMs: 90_000 })
    return { sqlite, instances, postgres, redis }
  } catch (err) {
    await redis.dispose()
    await postgres.dispose()
    throw err
  }
}

async function stopSetup(s: Setup): Promise<void> {
  await Promise.all([s.sqlite.dispose(), ...s.instances.map((i) => i.dispose())])
  await s.redis.dispose()
  await s.postgres.dispose()
}

type Mode = 'sqlite' | 'clusterOne' | 'clusterThree'
const MODES: Mode[] = ['sqlite', 'clusterOne', 'clusterThree']

export async function runClusterBench(log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<ClusterBenchRow[]> {
  log(`load average at start: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`)
  const setup = await startSetup(log)
  const ports = setup.instances.map((i) => i.port)
  const portsOf: Record<Mode, number[]> = { sqlite: [setup.sqlite.port], clusterOne: [ports[0]!], clusterThree: ports }
  const fan: Record<Mode, Array<{ p50: number; p99: number }>> = { sqlite: [], clusterOne: [], clusterThree: [] }
  const w2: Record<Mode, Array<{ perSecond: number; p50: number; p99: number; exhausted: number }>> = { sqlite: [], clusterOne: [], clusterThree: [] }
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // the order rotates each round, so no set-up always runs right after another's load
      const order = MODES.map((_, i) => MODES[(i + r) % MODES.length]!)
      for (const mode of order) {
        const samples = await fanoutSamplesOver(portsOf[mode], FANOUT_CLIENTS, FANOUT_SECONDS, 1.5, FANOUT_HZ)
        samples.sort((a, b) => a - b)
        fan[mode].push({ p50: percentile(samples, 50), p99: percentile(samples, 99) })
      }
      log(`  fan-out round ${r + 1}/${ROUNDS}: p50/p99 ` + MODES.map((m) => `${m} ${fan[m].at(-1)!.p50.toFixed(1)}/${fan[m].at(-1)!.p99.toFixed(1)}`).join(', ') + ' ms')
      for (const mode of order) {
        const p = portsOf[mode]
        w2[mode].push(await throughput((room, k) => p[(room + k) % p.length]!))
      }
      log(`  W2 round ${r + 1}/${ROUNDS}: updates/s ` + MODES.map((m) => `${m} ${Math.round(w2[m].at(-1)!.perSecond)}`).join(', '))
    }
    log(`  cluster catch-ups from PostgreSQL after a stream gap, per instance: ${(await Promise.all(setup.instances.map((i) => catchUps(i.url)))).join(', ')}`)
    log('cold join of a 10,000-item room (5 joins each)…')
    const cold = async (s: RunningServer) => median(await coldJoins({ name: 'ours', port: s.port, proc: s.proc, dataDir: null }, 10_000, 5))
    const coldSqlite = await cold(setup.sqlite)
    const coldPg = await cold(setup.instances[0]!)

    log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`)
    // a run in which no update arrived within the measured seconds has no percentile (NaN): left out, counted
    const ok = (xs: number[]) => xs.filter((x) => Number.isFinite(x))
    const med = <T>(xs: T[], f: (x: T) => number) => round(median(ok(xs.map(f))))
    const range = <T>(xs: T[], f: (x: T) => number) => {
      const v = ok(xs.map(f))
      const lost = xs.length - v.length
      return `${v.length ? `${round(Math.min(...v))}–${round(Math.max(...v))}` : 'none'}${lost ? ` (${lost} run${lost > 1 ? 's' : ''} without a delivery)` : ''}`
    }
    const spreads = (rows: Record<Mode, Array<{ p50: number; p99: number }>>, k: 'p50' | 'p99') => MODES.map((m) => range(rows[m], (x) => x[k])).join(' / ')
    const exhausted = MODES.reduce((n, m) => n + w2[m].reduce((a, x) => a + x.exhausted, 0), 0)
    return [
      { measure: `fan-out p50, ${FANOUT_CLIENTS} clients @${FANOUT_HZ} Hz (median of ${ROUNDS} rounds)`, sqlite: med(fan.sqlite, (x) => x.p50), clusterOne: med(fan.clusterOne, (x) => x.p50), clusterThree: med(fan.clusterThree, (x) => x.p50), unit: 'ms', note: `rounds ${spreads(fan, 'p50')}` },
      { measure: `fan-out p99, ${FANOUT_CLIENTS} clients @${FANOUT_HZ} Hz (median of ${ROUNDS} rounds)`, sqlite: med(fan.sqlite, (x) => x.p99), clusterOne: med(fan.clusterOne, (x) => x.p99), clusterThree: med(fan.clusterThree, (x) => x.p99), unit: 'ms', note: `rounds ${spreads(fan, 'p99')}` },
      { measure: 'cold join, 10,000-item room not in memory (median of 5)', sqlite: round(coldSqlite), clusterOne: round(coldPg), clusterThree: null, unit: 'ms', note: 'SQLite file vs PostgreSQL' },
      { measure: `W2 throughput: ${W2.rooms} rooms × ${W2.writers} writers (${W2.window} in flight) + 1 watcher`, sqlite: med(w2.sqlite, (x) => x.perSecond), clusterOne: med(w2.clusterOne, (x) => x.perSecond), clusterThree: med(w2.clusterThree, (x) => x.perSecond), unit: 'updates/s', note: `rounds ${MODES.map((m) => range(w2[m], (x) => x.perSecond)).join(' / ')}${exhausted ? `; ${exhausted} writers ran out of frames` : ''}` },
      { measure: 'W2 latency p50 (send → watcher)', sqlite: med(w2.sqlite, (x) => x.p50), clusterOne: med(w2.clusterOne, (x) => x.p50), clusterThree: med(w2.clusterThree, (x) => x.p50), unit: 'ms' },
      { measure: 'W2 latency p99 (send → watcher)', sqlite: med(w2.sqlite, (x) => x.p99), clusterOne: med(w2.clusterOne, (x) => x.p99), clusterThree: med(w2.clusterThree, (x) => x.p99), unit: 'ms' },
    ]
  } finally {
    await stopSetup(setup)
  }
}

async function catchUps(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text()
  return Number(/^tessera_cluster_catchups_total (\S+)$/m.exec(text)?.[1] ?? NaN)
}

export function clusterBenchMarkdown(rows: ClusterBenchRow[]): string {
  const cell = (n: number | null) => (n === null ? '—' : String(n))
  return [
    '| measure | 1 server, SQLite | cluster, all on 1 instance | cluster, spread over 3 | unit | spread (per round) |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.measure} | ${cell(r.sqlite)} | ${cell(r.clusterOne)} | ${cell(r.clusterThree)} | ${r.unit} | ${r.note ?? ''} |`),
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(clusterBenchMarkdown(await runClusterBench()))
  process.exit(0)
}
