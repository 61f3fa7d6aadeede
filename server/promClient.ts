/**
 * The parts of prom-client the server uses, loaded file by file: its index also loads the
 * Summary (tdigest), the Pushgateway, the cluster aggregator and, through the default metrics,
 * OpenTelemetry's API — about 1.5 MB of heap an idle server does not need. The default process
 * metrics are registered on the first scrape (`withDefaultMetrics`), not at start.
 * Same files as the index loads, so a host that also imports prom-client shares the classes.
 */
import { createRequire } from 'node:module'
import type * as Prom from 'prom-client'

const load = createRequire(import.meta.url)

export const Counter = load('prom-client/lib/counter') as typeof Prom.Counter
export const Gauge = load('prom-client/lib/gauge') as typeof Prom.Gauge
export const Histogram = load('prom-client/lib/histogram') as typeof Prom.Histogram
export const Registry = load('prom-client/lib/registry') as typeof Prom.Registry
export type Registry = Prom.Registry

const withDefaults = new WeakSet<Prom.Registry>()

/** Registers the default process metrics (prefix `prefix`) in `registry`, once. */
export function withDefaultMetrics(registry: Prom.Registry, prefix: string): void {
  if (withDefaults.has(registry)) return
  withDefaults.add(registry)
  const collect = load('prom-client/lib/defaultMetrics') as typeof Prom.collectDefaultMetrics
  collect({ register: registry, prefix })
}
