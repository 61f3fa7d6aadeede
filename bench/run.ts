// `npm run bench [-- flags]`: the scene-document benchmark, then the sync-server benchmark
// (ours, the reference and Hocuspocus side by side), as markdown. Flags: bench/options.ts.
import { parseBenchArgs } from './options'
import { runServerBench, serverBenchMarkdown } from './server'

interface DocBench {
  runDocBench: () => Promise<Array<{ name: string; value: number; unit: string }>>
  toMarkdown?: (rows: Array<{ name: string; value: number; unit: string }>) => string
}

async function docSection(): Promise<string> {
  let mod: DocBench
  try {
    mod = (await import('./doc')) as DocBench
  } catch (err) {
    return `_(doc benchmark unavailable: ${(err as Error).message})_`
  }
  const rows = await mod.runDocBench()
  return mod.toMarkdown ? mod.toMarkdown(rows) : rows.map((r) => `- ${r.name}: ${r.value} ${r.unit}`).join('\n')
}

if (process.argv.includes('--cluster')) {
  // `npm run bench -- --cluster`: the cluster benchmark instead (bench/cluster.ts: PostgreSQL + Redis)
  const { runClusterBench, clusterBenchMarkdown } = await import('./cluster')
  console.log('## Cluster (3 instances on PostgreSQL + Redis vs 1 on SQLite)\n')
  console.log(clusterBenchMarkdown(await runClusterBench()))
  process.exit(0)
}

let opts
try {
  opts = parseBenchArgs(process.argv.slice(2))
} catch (err) {
  console.error((err as Error).message)
  process.exit(2)
}
// every provider adds a process 'exit' listener; the big room opens 200
process.setMaxListeners(0)
if (opts.sections.has('doc')) {
  console.log('## Scene document\n')
  console.log(await docSection())
}
opts.sections.delete('doc')
if (opts.sections.size > 0) {
  console.log('\n## Sync server (Tessera vs @y/websocket-server 0.1.1 and Hocuspocus 4.7)\n')
  console.log(serverBenchMarkdown(await runServerBench(opts)))
}
process.exit(0)
