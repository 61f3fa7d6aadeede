export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected'

/**
 * The status indicator's text. Offline wins (the browser knows the network is gone);
 * `pending` is the number of local changes not yet confirmed by the server (offline support).
 */
export function statusText(s: { status: ConnectionStatus; users: number; online: boolean; pending?: number }): string {
  const pending = s.pending && s.pending > 0 ? ` (${s.pending} pending)` : ''
  if (!s.online) return `Offline — changes kept on this device${pending}`
  switch (s.status) {
    case 'connected':
      return `Connected (${s.users} ${s.users === 1 ? 'user' : 'users'})` // README: 'Connected (N users)', 'Connected (1 user)'
    case 'connecting':
      return `Connecting…${pending}`
    case 'disconnected':
      return `Not connected${pending}`
  }
}
