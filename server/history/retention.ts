/**
 * Which versions a room keeps (CONTRACT §7 leaves the numbers to us): every version of the
 * last `allMs` (a day), then the newest of each hour up to `hourlyMs` (30 days), then the newest
 * of each day. Named versions and the newest version are always kept. The history log (the updates
 * between versions, for replay) is kept for `logMs` (7 days). So a room edited without pause
 * holds at most 288 + 696 + 1 per older day versions: storage grows by one version a day.
 */
export interface RetentionPolicy {
  /** keep every version younger than this */
  allMs: number
  /** then one per hour for versions younger than this */
  hourlyMs: number
  /** keep the updates between versions (replay) this long */
  logMs: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const DEFAULT_RETENTION: RetentionPolicy = { allMs: DAY, hourlyMs: 30 * DAY, logMs: 7 * DAY }

export interface RetainedVersion {
  id: number
  at: number
  label: string | null
}

/** The ids of the versions the policy drops at `now` (pure; input in any order). */
export function versionsToDrop(versions: readonly RetainedVersion[], now: number, policy: RetentionPolicy = DEFAULT_RETENTION): number[] {
  const newestFirst = [...versions].sort((a, b) => b.at - a.at || b.id - a.id)
  const seen = new Set<string>()
  const drop: number[] = []
  newestFirst.forEach((v, i) => {
    const age = now - v.at
    if (v.label !== null || age < policy.allMs) return
    const bucket = age < policy.hourlyMs ? `h${Math.floor(v.at / HOUR)}` : `d${Math.floor(v.at / DAY)}`
    // newest first: the first version met in a bucket is that hour's (or day's) newest
    if (seen.has(bucket) && i > 0) drop.push(v.id)
    else seen.add(bucket)
  })
  return drop
}

/** Parses `--history-retention`, e.g. `all=24h,hourly=30d,log=7d` (units m, h, d); missing keys keep their default. */
export function parseRetention(text: string): { ok: true; policy: RetentionPolicy } | { ok: false; message: string } {
  const policy = { ...DEFAULT_RETENTION }
  const keys: Record<string, keyof RetentionPolicy> = { all: 'allMs', hourly: 'hourlyMs', log: 'logMs' }
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(all|hourly|log)=(\d+)(m|h|d)$/.exec(part)
    if (!m) return { ok: false, message: `bad retention "${part}": use all=24h,hourly=30d,log=7d (units m, h, d)` }
    const unit = m[3] === 'm' ? 60_000 : m[3] === 'h' ? HOUR : DAY
    policy[keys[m[1]!]!] = Number(m[2]) * unit
  }
  if (policy.hourlyMs < policy.allMs) return { ok: false, message: 'retention: hourly must be at least all' }
  return { ok: true, policy }
}
