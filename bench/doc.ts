// Scene document benchmark: `node scripts/tsx.mjs bench/doc.ts`. Prints a markdown table;
// runDocBench() returns the rows for bench/run.ts.
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, readItems, updateItems, type ItemInit, type ItemType } from '../src/doc'

export interface Row {
  name: string
  value: number
  unit: string
}

const N = 10_000
const UPDATES = 1_000
const TYPES: ItemType[] = ['rect', 'ellipse', 'line', 'arrow', 'path', 'text', 'sticky']

function inits(n: number): ItemInit[] {
  return Array.from({ length: n }, (_, i) => {
    const type = TYPES[i % TYPES.length]!
    return {
      type,
      x: (i % 100) * 120,
      y: Math.floor(i / 100) * 120,
      ...(type === 'text' || type === 'sticky' ? { text: `note ${i}` } : {}),
      ...(type === 'path' ? { points: [0, 0, 10, 5, 20, 0, 30, 8] } : {}),
    }
  })
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now()
  const v = fn()
  return [v, performance.now() - t0]
}

export async function runDocBench(): Promise<Row[]> {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const list = inits(N)
  const [added, addMs] = time(() => addItems(doc, list))
  if (!added.ok) throw new Error(added.message)
  const update = Y.encodeStateAsUpdate(doc)
  const fresh = new Y.Doc()
  const [, loadMs] = time(() => Y.applyUpdate(fresh, update))
  const [read, readMs] = time(() => readItems(fresh))
  if (read.items.length !== N) throw new Error(`expected ${N} items, read ${read.items.length}`)
  const ids = added.value
  const [, updMs] = time(() => {
    for (let i = 0; i < UPDATES; i++) {
      const r = updateItems(doc, [{ id: ids[(i * 7) % N]!, patch: { x: i } }])
      if (!r.ok) throw new Error(r.message)
    }
  })
  return [
    { name: `add ${N} items in one transaction`, value: round(addMs), unit: 'ms' },
    { name: `encoded document size, ${N} items`, value: update.byteLength, unit: 'bytes' },
    { name: `load that update into a fresh doc`, value: round(loadMs), unit: 'ms' },
    { name: `readItems (validate + sort) ${N} items`, value: round(readMs), unit: 'ms' },
    { name: `${UPDATES} single-field updateItems calls`, value: round(updMs), unit: 'ms' },
    { name: `per updateItems call`, value: round((updMs / UPDATES) * 1000), unit: 'µs' },
  ]
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}

export function toMarkdown(rows: Row[]): string {
  return ['| measure | value | unit |', '| --- | ---: | --- |', ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.unit} |`)].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(toMarkdown(await runDocBench()))
}
