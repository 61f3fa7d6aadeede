// The offline-first support's public surface for the rest of the app.
export { attachLocalPersistence, clearLocalCopy, listLocalBoards, localCopyFor, type LocalCopy } from '../../room/offline/localPersistence'
export { localAccess, tokenRole, type LocalAccess } from '../../room/offline/accessLevel'
export { usePendingChanges } from '../../canvas/offline/pending'
export { useLocalBoards } from './useLocalBoards'
export { OfflineBadge } from './OfflineBadge'
export { RemoveLocalCopyButton } from './RemoveLocalCopyButton'
export { ViewOnlyLocalBadge } from '../../canvas/offline/ViewOnlyLocalBadge'
export { registerServiceWorker } from './serviceWorker'
