// Main-thread CPU time of a page load, read from a Chromium trace (thread time, `tdur`, of the
// renderer main thread's tasks). On a shared machine wall-clock figures swing with other
// processes; the CPU the page's main thread spent does much less.

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

export interface LoadCpu {
  /** main-thread CPU from navigation to the `tessera:rendered` mark, ms */
  total: number
  /** of which in the task that applied the first sync (receiving the message, Yjs, observers), ms */
  syncTask: number
  /** of which before that task (entry, editor chunk, mount), ms */
  before: number
}

export function loadCpu(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): LoadCpu | null {
  const ev = Array.isArray(trace) ? trace : (trace.traceEvents ?? [])
  const names = new Map<string, string>()
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name)
  const busy = new Map<string, number>()
  for (const e of ev) {
    const k = `${e.pid}:${e.tid}`
    if (names.get(k) === 'CrRendererMain' && e.ph === 'X' && e.name === 'RunTask') busy.set(k, (busy.get(k) ?? 0) + (e.tdur ?? 0))
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (!main) return null
  const onMain = (e: TraceEvent) => `${e.pid}:${e.tid}` === main
  const rendered = ev.find((e) => e.name === 'tessera:rendered' && onMain(e))
  // the board's navigation: the last one before the first render (about:blank comes first)
  const navs = ev.filter((e) => e.name === 'navigationStart' && onMain(e) && (!rendered || e.ts <= rendered.ts))
  const nav = navs.sort((a, b) => a.ts - b.ts)[navs.length - 1]
  const tasks = ev.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask' && (!nav || e.ts >= nav.ts) && (!rendered || e.ts <= rendered.ts))
  if (tasks.length === 0) return null
  const sync = tasks.reduce((a, b) => ((b.tdur ?? 0) > (a.tdur ?? 0) ? b : a))
  let total = 0
  let before = 0
  for (const t of tasks) {
    total += t.tdur ?? 0
    if (t.ts < sync.ts) before += t.tdur ?? 0
  }
  return { total: total / 1000, syncTask: (sync.tdur ?? 0) / 1000, before: before / 1000 }
}
