// The offline-first support's public surface for the rest of the app.
export { attachLocalPersistence, clearLocalCopy, listLocalBoards, localCopyFor, type LocalCopy } from './localPersistence'
export { localAccess, tokenRole, type LocalAccess } from './accessLevel'
export { usePendingChanges } from './pending'
export { useLocalBoards } from './useLocalBoards'
export { OfflineBadge } from './OfflineBadge'
export { RemoveLocalCopyButton } from './RemoveLocalCopyButton'
export { ViewOnlyLocalBadge } from './ViewOnlyLocalBadge'
export { registerServiceWorker } from './serviceWorker'
