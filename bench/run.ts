// `npm run bench`: the scene-document benchmark, then the sync-server benchmark, as markdown.
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

console.log('## Scene document\n')
console.log(await docSection())
console.log('\n## Sync server (ours vs @y/websocket-server 0.1.1)\n')
console.log(serverBenchMarkdown(await runServerBench()))
process.exit(0)
