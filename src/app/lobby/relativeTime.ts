/** "just now", "5 minutes ago", "yesterday", "3 weeks ago" — for the recent boards list. */
export function formatRelativeTime(then: number, now: number = Date.now(), locale?: string): string {
  const seconds = Math.round((then - now) / 1000)
  if (Math.abs(seconds) < 45) return 'just now'
  const rtf = new Intl.RelativeTimeFormat(locale ?? 'en', { numeric: 'auto' })
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86400],
    ['week', 604800],
    ['month', 2629800],
    ['year', 31557600],
  ]
  let chosen: [Intl.RelativeTimeFormatUnit, number] = units[0]!
  for (const u of units) if (Math.abs(seconds) >= u[1]) chosen = u
  return rtf.format(Math.round(seconds / chosen[1]), chosen[0])
}
