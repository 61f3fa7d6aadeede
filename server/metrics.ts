import { Counter, Gauge, Histogram, Registry } from './promClient'

/** All server metrics, in a registry of their own (several servers may share one process in tests). */
export function createMetrics() {
  const registry = new Registry()
  const m = {
    registry,
    connections: new Gauge({ name: 'tessera_connections', help: 'Open WebSocket connections', registers: [registry] }),
    roomsLoaded: new Gauge({ name: 'tessera_rooms_loaded', help: 'Rooms whose document is in memory', registers: [registry] }),
    roomsDormant: new Gauge({
      name: 'tessera_rooms_dormant',
      help: 'Loaded rooms holding their document as encoded bytes, no Y.Doc (loaded and not edited yet, or idle for --idle-doc-seconds)',
      registers: [registry],
    }),
    roomsAway: new Gauge({
      name: 'tessera_rooms_away',
      help: 'Loaded rooms whose document is on the room host thread (busy past --offload-apply-ms)',
      registers: [registry],
    }),
    roomHostInFlight: new Gauge({ name: 'tessera_room_host_batches_in_flight', help: 'Batches posted to the room host thread and not answered yet', registers: [registry] }),
    roomHomecomings: new Counter({ name: 'tessera_room_homecomings_total', help: 'Documents brought back from the room host thread', registers: [registry] }),
    roomWakes: new Counter({ name: 'tessera_room_wakes_total', help: "Documents built from a dormant room's bytes", registers: [registry] }),
    roomsUnloaded: new Counter({ name: 'tessera_rooms_unloaded_total', help: 'Rooms unloaded after their last connection left', registers: [registry] }),
    messagesIn: new Counter({ name: 'tessera_messages_in_total', help: 'WebSocket messages received', labelNames: ['type'] as const, registers: [registry] }),
    messagesOut: new Counter({ name: 'tessera_messages_out_total', help: 'WebSocket messages sent', registers: [registry] }),
    bytesIn: new Counter({ name: 'tessera_bytes_in_total', help: 'WebSocket payload bytes received', registers: [registry] }),
    bytesOut: new Counter({ name: 'tessera_bytes_out_total', help: 'WebSocket payload bytes sent', registers: [registry] }),
    updateApplySeconds: new Histogram({
      name: 'tessera_update_apply_seconds',
      help: 'Time to apply one client update to the room document',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    storageWriteSeconds: new Histogram({
      name: 'tessera_storage_write_seconds',
      help: 'Time to durably append one update (or write one compaction)',
      labelNames: ['op'] as const,
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    rejected: new Counter({ name: 'tessera_rejected_total', help: 'Refused inputs (upgrades and messages) by reason', labelNames: ['reason'] as const, registers: [registry] }),
    ignored: new Counter({ name: 'tessera_ignored_messages_total', help: 'Frames skipped without closing (text, empty, unknown message types) by reason', labelNames: ['reason'] as const, registers: [registry] }),
    viewerWritesDropped: new Counter({ name: 'tessera_viewer_writes_dropped_total', help: 'Document updates sent by viewers and dropped', registers: [registry] }),
    roomsQuarantined: new Gauge({
      name: 'tessera_rooms_quarantined', help: 'Rooms whose stored data failed verification: kept as they are, not served', registers: [registry],
    }),
    compactions: new Counter({ name: 'tessera_compactions_total', help: 'Room logs compacted into one snapshot', registers: [registry] }),
    batchSlices: new Counter({
      name: 'tessera_batch_slices_total', help: 'Parts of long update batches applied after yielding to other rooms', registers: [registry],
    }),
    backlogHolds: new Counter({
      name: 'tessera_room_backlog_holds_total',
      help: "Connections whose reading was held because their room's updates took more than one slice to apply (resumed once applied)",
      registers: [registry],
    }),
    connectionsHeld: new Gauge({
      name: 'tessera_connections_held', help: 'Connections not being read right now because their room is applying a backlog', registers: [registry],
    }),
    trialsOffThread: new Counter({
      name: 'tessera_trials_off_thread_total', help: 'Big updates tried on a scratch document by a worker thread before the room took them', registers: [registry],
    }),
    trialsInFlight: new Gauge({
      name: 'tessera_trials_in_flight', help: 'Big updates being tried by the worker thread now (their rooms wait, others relay)', registers: [registry],
    }),
    compactionsOffThread: new Counter({
      name: 'tessera_compactions_off_thread_total', help: 'Compactions (and versions) whose snapshot a worker thread built from the stored log', registers: [registry],
    }),
  }
  return m
}

export type Metrics = ReturnType<typeof createMetrics>
