// Flags of `npm run bench -- …` (also read by bench/server.ts when run alone).
import { SERVER_KINDS, type ServerKind } from './targets'

export const SECTIONS = ['doc', 'fanout', 'bigroom', 'isolation', 'coldjoin', 'bytes', 'memory'] as const
export type Section = (typeof SECTIONS)[number]

export interface BenchOptions {
  sections: Set<Section>
  servers: ServerKind[]
  /** interleaved rounds per measure */
  rounds: number
  /** pin servers to core 1 and this process to core 0 */
  pin: boolean
  /** extra `tessera serve` flags for ours (e.g. --ws-deflate) */
  oursArgs: string[]
  /** seconds to wait after the 200 rooms closed before reading RSS */
  rssWaitSeconds: number
  /** seconds after the last edit in the 200 open rooms before RSS is read again (past ours' --idle-doc-seconds, 30) */
  quietSeconds: number
  /** clients in the big room (200; fewer when the load generator cannot keep up) */
  bigClients: number
}

export const USAGE = `npm run bench -- [--only=${SECTIONS.join(',')}] [--servers=${SERVER_KINDS.join(',')}]
  [--rounds=N] [--no-pin] [--ours-args="--flag …"] [--rss-wait=S] [--quiet=S] [--big-clients=N]
BENCH_OURS_ROOT=<dir> runs "ours" from another checkout (a before/after of a change).
Full run (every section, 3 rounds): about 10 minutes; e.g. --only=bigroom --rounds=1 for a quick look.`

export function parseBenchArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    sections: new Set(SECTIONS), servers: [...SERVER_KINDS], rounds: 3, pin: true, oursArgs: [], rssWaitSeconds: 30, quietSeconds: 40, bigClients: 200,
  }
  for (const arg of argv) {
    const [key, value = ''] = arg.split(/=(.*)/s, 2) as [string, string?]
    const list = () => value.split(',').map((s) => s.trim()).filter(Boolean)
    if (key === '--only') {
      const bad = list().filter((s) => !(SECTIONS as readonly string[]).includes(s))
      if (bad.length) throw new Error(`unknown section(s): ${bad.join(', ')}\n${USAGE}`)
      o.sections = new Set(list() as Section[])
    } else if (key === '--servers') {
      const bad = list().filter((s) => !(SERVER_KINDS as readonly string[]).includes(s))
      if (bad.length) throw new Error(`unknown server(s): ${bad.join(', ')}\n${USAGE}`)
      o.servers = list() as ServerKind[]
    } else if (key === '--rounds') o.rounds = positive(key, value)
    else if (key === '--rss-wait') o.rssWaitSeconds = positive(key, value)
    else if (key === '--quiet') o.quietSeconds = positive(key, value)
    else if (key === '--big-clients') o.bigClients = positive(key, value)
    else if (key === '--no-pin') o.pin = false
    else if (key === '--ours-args') o.oursArgs = value.split(/\s+/).filter(Boolean)
    else if (key === '--help' || key === '-h') throw new Error(USAGE)
    else throw new Error(`unknown flag ${arg}\n${USAGE}`)
  }
  return o
}

function positive(key: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} takes a whole number ≥ 1, got "${value}"`)
  return n
}
