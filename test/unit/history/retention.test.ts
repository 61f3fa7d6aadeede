import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION, parseRetention, versionsToDrop, type RetainedVersion } from '../../../server/history/retention'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** A version every 5 minutes for `days` days up to `now`, plus a few named ones. */
function syntheticMonths(days: number, now: number): RetainedVersion[] {
  const out: RetainedVersion[] = []
  let id = 1
  for (let at = now - days * DAY; at <= now; at += 5 * MIN) out.push({ id: id++, at, label: null })
  out.push({ id: id++, at: now - 20 * DAY + 7 * MIN, label: 'kick-off' })
  out.push({ id: id++, at: now - 40 * DAY + 3 * MIN, label: 'first draft' })
  return out
}

describe('versionsToDrop', () => {
  const now = Date.UTC(2026, 5, 30, 12, 0, 0)
  const versions = syntheticMonths(45, now)
  const kept = (() => {
    const drop = new Set(versionsToDrop(versions, now))
    return versions.filter((v) => !drop.has(v.id))
  })()

  it('keeps every version of the last day', () => {
    const lastDay = versions.filter((v) => now - v.at < DAY)
    expect(kept.filter((v) => now - v.at < DAY)).toEqual(lastDay)
    expect(lastDay.length).toBe(288)
  })

  it('keeps one version per hour up to 30 days, the newest of that hour', () => {
    const hourly = kept.filter((v) => now - v.at >= DAY && now - v.at < 30 * DAY && v.label === null)
    const hours = new Set(hourly.map((v) => Math.floor(v.at / HOUR)))
    expect(hourly.length).toBe(hours.size)
    expect(hourly.length).toBeGreaterThanOrEqual(29 * 24 - 1)
    expect(hourly.length).toBeLessThanOrEqual(29 * 24 + 1)
    for (const v of hourly) {
      const sameHour = versions.filter((w) => w.label === null && now - w.at >= DAY && Math.floor(w.at / HOUR) === Math.floor(v.at / HOUR))
      expect(Math.max(...sameHour.map((w) => w.at))).toBe(v.at)
    }
  })

  it('keeps one version per day after 30 days, and every named version', () => {
    const daily = kept.filter((v) => now - v.at >= 30 * DAY && v.label === null)
    expect(daily.length).toBe(new Set(daily.map((v) => Math.floor(v.at / DAY))).size)
    expect(daily.length).toBeGreaterThanOrEqual(15)
    expect(daily.length).toBeLessThanOrEqual(17)
    expect(kept.filter((v) => v.label !== null).map((v) => v.label).sort()).toEqual(['first draft', 'kick-off'])
    // 45 days at one version per 5 minutes = 12,961 versions; the policy keeps about 1,000
    expect(versions.length).toBe(12_963)
    expect(kept.length).toBeLessThan(1_010)
  })

  it('applying it again drops nothing more, and the newest version always stays', () => {
    expect(versionsToDrop(kept, now)).toEqual([])
    const old = [{ id: 1, at: now - 90 * DAY, label: null }, { id: 2, at: now - 90 * DAY + MIN, label: null }]
    expect(versionsToDrop(old, now)).toEqual([1])
  })
})

describe('parseRetention', () => {
  it('reads all/hourly/log with m, h, d units and keeps defaults for missing keys', () => {
    expect(parseRetention('all=2h,log=1d')).toEqual({ ok: true, policy: { ...DEFAULT_RETENTION, allMs: 2 * HOUR, logMs: DAY } })
    expect(parseRetention('')).toEqual({ ok: true, policy: DEFAULT_RETENTION })
  })

  it('refuses unknown keys, units and an hourly window shorter than the all window', () => {
    expect(parseRetention('weekly=2d').ok).toBe(false)
    expect(parseRetention('all=5y').ok).toBe(false)
    expect(parseRetention('all=3d,hourly=1d').ok).toBe(false)
  })
})
