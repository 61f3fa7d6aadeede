import { Counter, type Registry } from '../promClient'

/** The cluster's own metrics, in the server's registry (GET /metrics of each instance). */
export function createClusterMetrics(registry: Registry) {
  return {
    messagesOut: new Counter({ name: 'tessera_cluster_messages_out_total', help: 'Messages this instance published to Redis streams', labelNames: ['kind'] as const, registers: [registry] }),
    messagesIn: new Counter({ name: 'tessera_cluster_messages_in_total', help: 'Messages of other instances read from Redis streams', labelNames: ['kind'] as const, registers: [registry] }),
    catchUps: new Counter({ name: 'tessera_cluster_catchups_total', help: 'Rooms caught up from storage after a gap, a lost instance or Redis coming back', registers: [registry] }),
    publishDropped: new Counter({ name: 'tessera_cluster_publish_dropped_total', help: 'Publishes dropped while Redis was away too long (readers catch up from storage)', registers: [registry] }),
    instancesLost: new Counter({ name: 'tessera_cluster_instances_lost_total', help: 'Other instances that stopped renewing their liveness key', registers: [registry] }),
  }
}

export type ClusterMetrics = ReturnType<typeof createClusterMetrics>
