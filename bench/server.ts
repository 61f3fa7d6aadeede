// Sync-server benchmark: ours, @y/websocket-server 0.1.1 (the reference, what `npx y-websocket`
// runs) and Hocuspocus 4.7 side by side on 127.0.0.1, interleaved round by round (the order rotates
// each round), servers pinned to core 1 and this load generator to core 0. Flags: bench/options.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BIG_ROOM, bigRoomRun } from './bigRoom'
import { fanoutInterleaved, spread, startBareRelay } from './fanout'
import { isolationRun } from './isolation'
import { loopDelayServerArgs } from './loopDelay'
import { parseBenchArgs, type BenchOptions } from './options'
import { bytesPerClient, coldJoins, IDLE_SETTLE_MS, memoryPerRoom } from './roomCosts'
import { median, round } from './stats'
import { freePort, pinSelf, startTarget, stop, waitForPort, type ServerKind, type Target } from './targets'

export interface ServerBenchRow {
  measure: string
  unit: string
  /** the figure per server (median over rounds when there were several) */
  values: Partial<Record<ServerKind, number>>
  /** per-round ratios ours/reference and ours/Hocuspocus, for the spread */
  ratios?: { reference: number[]; hocuspocus: number[] }
  aim?: string
  note?: string
}

const SERVER_CORE = 1
const CLIENT_CORE = 0

type Rounds = Partial<Record<ServerKind, number[]>>

/** Runs `fn` once per server per round, the order rotating each round; every figure kept. */
async function interleaved(targets: Target[], rounds: number, fn: (t: Target) => Promise<number[]>, log: (s: string) => void, label: string): Promise<Rounds[]> {
  const out: Rounds[] = []
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + r) % targets.length]!
      const figures = await fn(t)
      figures.forEach((v, k) => ((out[k] ??= {})[t.name] ??= []).push(v))
      log(`  ${label} round ${r + 1}/${rounds} ${t.name}: ${figures.map((v) => round(v)).join(' / ')}`)
    }
  }
  return out
}

/** One table row from per-round figures: medians, and the per-round ratios ours/other. */
function row(measure: string, unit: string, rounds: Rounds, extra: Partial<ServerBenchRow> = {}): ServerBenchRow {
  const values: Partial<Record<ServerKind, number>> = {}
  for (const [k, xs] of Object.entries(rounds) as Array<[ServerKind, number[]]>) values[k] = median(xs)
  const ours = rounds.ours ?? []
  const ratio = (other: number[] = []) => ours.map((v, i) => v / other[i]!).filter(Number.isFinite)
  return { measure, unit, values, ratios: { reference: ratio(rounds.reference), hocuspocus: ratio(rounds.hocuspocus) }, ...extra }
}

export async function runServerBench(opts: BenchOptions, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<ServerBenchRow[]> {
  const pinned = opts.pin && pinSelf(CLIENT_CORE)
  const core = pinned ? SERVER_CORE : null
  if (opts.oursArgs.length) log(`ours runs with ${opts.oursArgs.join(' ')}`)
  log(pinned ? `servers pinned to core ${SERVER_CORE}, load generator to core ${CLIENT_CORE}` : 'not pinned')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'))
  // every server reports its event-loop delay, CPU and GC time (bench/loopDelayPreload.mjs): the isolation section reads it
  const loopFile = (k: ServerKind) => path.join(dataDir, `loop-${k}.jsonl`)
  const start = (k: ServerKind) => startTarget(k, dataDir, { core, args: opts.oursArgs, ...loopDelayServerArgs(loopFile(k)) })
  let targets: Target[] = []
  const rows: ServerBenchRow[] = []
  const has = (s: string) => opts.sections.has(s as never)
  const byName = (k: ServerKind) => targets.find((t) => t.name === k)
  try {
    for (const k of opts.servers) targets.push(await start(k))
    if (has('fanout') && byName('ours') && byName('reference')) {
      const relayPort = await freePort()
      const relay = await startBareRelay(relayPort, waitForPort)
      try {
        for (const n of [20, 50]) {
          log(`fan-out ${n} clients (pre-encoded frames; ours, reference, bare relay)…`)
          const r = await fanoutInterleaved({ ours: byName('ours')!.port, reference: byName('reference')!.port, floor: relayPort }, n, { log, rounds: opts.rounds })
          const per = (k: 'p50' | 'p99') => row(`fan-out ${k}, ${n} clients each writing @30 Hz`, 'ms', { ours: r.ours.rounds.map((x) => x[k]), reference: r.reference.rounds.map((x) => x[k]) }, {
            note: `bare relay ${round(r.floor![k])} (${spread(r.floor!.rounds, k)})`, aim: k === 'p99' ? 'ref ≤ 0.8' : undefined,
          })
          rows.push(per('p50'), per('p99'))
        }
      } finally {
        relay.kill('SIGTERM')
      }
      // The workload: real stock provider clients, one of them writing @30 Hz, the others listening.
      for (const n of [20, 50]) {
        const load = { ...BIG_ROOM, clients: n, movers: 0, presence: 'stock' as const }
        log(`fan-out ${n} stock clients, 1 writer @30 Hz…`)
        const r = await interleaved(targets, opts.rounds, async (t) => {
          const x = await bigRoomRun(t, load)
          return [x.p50, x.p99, x.serverCpu * 100]
        }, log, `fan-out ${n}, 1 writer`)
        rows.push(row(`fan-out p50, ${n} stock clients, 1 writer @30 Hz`, 'ms', r[0]!))
        rows.push(row(`fan-out p99, ${n} stock clients, 1 writer @30 Hz`, 'ms', r[1]!, { aim: 'ref ≤ 0.8' }))
        rows.push(row(`… server CPU on its core`, '%', r[2]!))
      }
    }
    if (has('bigroom')) {
      for (const presence of ['own', 'stock'] as const) {
        const load = { ...BIG_ROOM, clients: opts.bigClients }
        const ts = targets.filter((t) => presence === 'own' || t.name !== 'hocuspocus')
        const who = presence === 'own' ? 'clients sending only their own presence' : 'stock y-websocket clients (re-send all presence)'
        log(`big room: ${load.clients} clients, ${who}…`)
        const r = await interleaved(ts, opts.rounds, async (t) => {
          const x = await bigRoomRun(t, { ...load, presence })
          log(`    ${t.name}: ${x.samples} deliveries timed`)
          const expected = (load.clients - 1) * load.writeHz * load.seconds
          return [x.p50, x.p99, x.serverCpu * 100, (100 * x.samples) / expected]
        }, log, 'big room')
        const what = `${load.clients} clients, 1 writer @30 Hz, ${BIG_ROOM.movers} cursors @10 Hz, ${who}`
        rows.push(row(`fan-out p50, ${what}`, 'ms', r[0]!))
        rows.push(row(`fan-out p99, ${what}`, 'ms', r[1]!, { aim: presence === 'own' ? '≤ Hocuspocus' : 'ref ≤ 0.8' }))
        rows.push(row(`server CPU on its core, ${what}`, '%', r[2]!, { aim: presence === 'own' ? '≤ Hocuspocus' : undefined }))
        rows.push(row('… deliveries timed in the window, of those sent (under 100: still queued at its end)', '%', r[3]!))
      }
    }
    if (has('isolation')) {
      log('busy room beside a quiet room…')
      const r = await interleaved(targets, opts.rounds, async (t) => {
        const x = await isolationRun(t, { large: true, loopFile: loopFile(t.name) })
        const b = x.besideBusy
        log(`    ${t.name}: beside the busy room p50 ${round(b.p50)} ms; server loop delay max ${round(b.server?.max ?? NaN)} ms, CPU ${round((b.server?.cpuShare ?? NaN) * 100)} % of its core, GC ${round((b.server?.gcShare ?? NaN) * 100)} %; load generator loop delay max ${round(b.client.max)} ms`)
        return [x.alone.p99, x.besideBusy.p99, x.besideLarge!.p99, x.alone.p50, x.besideBusy.p50, x.busyRelayed, x.busySent, b.server?.max ?? NaN, (b.server?.cpuShare ?? NaN) * 100, b.client.max]
      }, log, 'isolation')
      rows.push(row('quiet room p99 (10 clients, 1 writer @30 Hz), alone', 'ms', r[0]!))
      rows.push(row('… p50, alone', 'ms', r[3]!))
      rows.push(row('… p99, while another room receives 5,000 new items/s', 'ms', r[1]!, { aim: '≤ one frame (16.7 ms)' }))
      rows.push(row('… p50, same', 'ms', r[4]!))
      rows.push(row('… the busy room: items/s relayed (echoed to its sender)', 'items/s', r[5]!))
      rows.push(row('… the busy room: items/s its client managed to send', 'items/s', r[6]!))
      rows.push(row('… server event-loop delay, largest, beside the busy room', 'ms', r[7]!))
      rows.push(row('… server CPU, share of its pinned core, beside the busy room', '%', r[8]!))
      rows.push(row('… load generator event-loop delay, largest, same phase', 'ms', r[9]!))
      rows.push(row('quiet room p99 while another room grows by a 4 MB insert per second to 24 MB', 'ms', r[2]!))
    }
    if (has('coldjoin')) {
      log('cold join 10,000 items…')
      const r = await interleaved(targets, opts.rounds, async (t) => {
        const xs = await coldJoins(t, 10_000, 5)
        return [median(xs), Math.max(...xs)]
      }, log, 'cold join')
      rows.push(row('join a 10,000-item room not in memory (reference: in memory), median of 5', 'ms', r[0]!, { aim: 'ref ≤ 0.6' }))
      rows.push(row('… worst of 5', 'ms', r[1]!))
    }
    if (has('bytes')) {
      log('bytes per client…')
      const r = await interleaved(targets, opts.rounds, async (t) => {
        const x = await bytesPerClient(t, 10, 120)
        return [x.wire, x.bytes, x.cpu * 1000]
      }, log, 'bytes')
      const what = 'per client per second of 10 users moving an item + cursor @30 Hz (120 moves each; y-websocket: stock clients)'
      rows.push(row(`bytes on the wire ${what}`, 'B', r[0]!, { aim: 'ref ≤ 0.35' }))
      rows.push(row('… message payloads (decompressed)', 'B', r[1]!))
      rows.push(row('… server CPU for that second of work', 'ms', r[2]!))
    }
    if (has('memory')) {
      log(`200 rooms × 1,000 items, then ${opts.rssWaitSeconds} s after they close (fresh servers, one at a time, ${opts.rounds} round(s) in rotating order)…`)
      const mem: Rounds[] = []
      const order = (r: number) => opts.servers.map((_, i) => opts.servers[(i + r) % opts.servers.length]!)
      for (let r = 0; r < opts.rounds; r++) for (const k of order(r)) {
        await stop(byName(k)!)
        const t = await start(k)
        targets = targets.map((x) => (x.name === k ? t : x))
        const m = await memoryPerRoom(t, 200, 1000, opts.rssWaitSeconds, opts.quietSeconds)
        ;[m.perRoomKiB, m.idleKiB / 1024, m.openKiB / 1024, m.afterKiB / 1024, m.perQuietRoomKiB, m.quietKiB / 1024].forEach((v, i) => ((mem[i] ??= {})[k] ??= []).push(v))
        log(`  memory ${k}: ${round(m.perRoomKiB)} KiB/room (${round(m.perQuietRoomKiB)} after ${opts.quietSeconds} s without edits), RSS idle ${round(m.idleKiB / 1024)} MiB, open ${round(m.openKiB / 1024)}, quiet ${round(m.quietKiB / 1024)}, after ${round(m.afterKiB / 1024)}`)
      }
      rows.push(row('memory per open room (200 rooms × 1,000 items, RSS open − idle ÷ 200), 3 s after the last edit', 'KiB', mem[0]!))
      rows.push(row(`… the same rooms, still open, ${opts.quietSeconds} s after the last edit`, 'KiB', mem[4]!, { aim: 'ref ≤ 0.5' }))
      rows.push(row(`RSS idle (${IDLE_SETTLE_MS / 1000} s after start)`, 'MiB', mem[1]!))
      rows.push(row('RSS with the 200 rooms open', 'MiB', mem[2]!))
      rows.push(row(`… ${opts.quietSeconds} s after the last edit`, 'MiB', mem[5]!))
      rows.push(row(`RSS ${opts.rssWaitSeconds} s after the rooms closed`, 'MiB', mem[3]!))
    }
  } finally {
    for (const t of targets) await stop(t)
    rmSync(dataDir, { recursive: true, force: true })
  }
  return rows
}

function ratioCell(xs: number[] | undefined): string {
  if (!xs || xs.length === 0) return ''
  const m = round(median(xs))
  return xs.length === 1 ? `${m}` : `${m} (${round(Math.min(...xs))}–${round(Math.max(...xs))})`
}

export function serverBenchMarkdown(rows: ServerBenchRow[]): string {
  const v = (r: ServerBenchRow, k: ServerKind) => (r.values[k] === undefined ? '—' : String(round(r.values[k]!)))
  return [
    '| measure | reference | Hocuspocus | Tessera | unit | Tessera/ref (rounds) | Tessera/Hocuspocus (rounds) | aim | note |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.measure} | ${v(r, 'reference')} | ${v(r, 'hocuspocus')} | ${v(r, 'ours')} | ${r.unit} | ${ratioCell(r.ratios?.reference)} | ${ratioCell(r.ratios?.hocuspocus)} | ${r.aim ?? ''} | ${r.note ?? ''} |`),
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.setMaxListeners(0)
  console.log(serverBenchMarkdown(await runServerBench(parseBenchArgs(process.argv.slice(2)))))
  process.exit(0)
}
