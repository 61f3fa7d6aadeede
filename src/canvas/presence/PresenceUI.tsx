import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react'
import { useBoard } from '../board/BoardContext'
import { listPages } from '../../doc'
import type { Peer, UserInfo } from '../../awareness/types'
import { usePeersDerived } from './usePeers'
import { ChatPanel } from './ChatPanel'
import { FollowBanner } from './FollowBanner'
import { StatusIndicator } from './StatusIndicator'
import { Toasts } from './Toasts'
import { UserList, type RosterEntry } from './UserList'
import { useFollow, useProviderFixes, useIdentity, usePublishPresence } from './usePresence'

const roster = (peers: Peer[]): RosterEntry[] =>
  peers.map((p) => ({ clientId: p.clientId, name: p.user.name, color: p.user.color, pageId: p.viewport.pageId, spotlight: p.spotlight === true }))

function usePageNames(doc: import('yjs').Doc): (pageId: string) => string {
  const key = useSyncExternalStore(
    (l) => {
      const pages = doc.getMap('pages')
      pages.observeDeep(l)
      return () => pages.unobserveDeep(l)
    },
    () => JSON.stringify(listPages(doc).map((p) => [p.id, p.name])),
  )
  return useCallback(
    (pageId: string) => {
      const names = new Map(JSON.parse(key) as [string, string][])
      return names.get(pageId) ?? 'another page'
    },
    [key],
  )
}

/**
 * The presence overlay: user list (top-right), follow/presenting banner (top-centre), toasts
 * (bottom-centre), chat and connection status (bottom-right). It also publishes the local
 * awareness state and runs follow mode. `pending` = unsynced local changes (offline support).
 * `user` = the name (and colour) an embedding host gives its signed-in user, instead of the one
 * this browser remembers.
 */
export function PresenceUI({ pending, user }: { pending?: number; user?: Partial<UserInfo> } = {}) {
  const { conn, store } = useBoard()
  const awareness = conn.awareness
  const [remembered, setIdentity] = useIdentity()
  const identity = useMemo(
    () => (user?.name || user?.color ? { name: user.name || remembered.name, color: user.color || remembered.color } : remembered),
    [remembered, user?.name, user?.color],
  )
  const pub = usePublishPresence(awareness, store, identity)
  // scene ops from this editor record this name as the items' `updatedBy`
  useEffect(() => store.setAuthor(identity.name), [store, identity.name])
  useProviderFixes(conn.provider, awareness)
  const [follow, followCtl] = useFollow(awareness, store, pub)
  const peers = usePeersDerived(awareness, roster)
  const pageName = usePageNames(conn.doc)
  const presenting = useSyncExternalStore(
    (l) => {
      awareness.on('change', l)
      return () => awareness.off('change', l)
    },
    () => (awareness.getLocalState() as { spotlight?: unknown } | null)?.spotlight === true,
  )

  const readOnly = useSyncExternalStore(store.subscribe, () => store.get().readOnly)
  const followed = follow.following === null ? null : peers.find((p) => p.clientId === follow.following)

  const setSpotlight = (on: boolean) => {
    if (on) followCtl?.stop()
    pub?.setSpotlight(on)
  }

  return (
    <div data-testid="presence-ui" className="tsr-presence" style={{ position: 'absolute', inset: 0, pointerEvents: 'none', zIndex: 20 }}>
      {followed && (
        <FollowBanner mode={follow.reason === 'spotlight' ? 'watching' : 'following'} name={followed.name} color={followed.color} onStop={() => followCtl?.stop()} />
      )}
      {!followed && presenting && <FollowBanner mode="presenting" name={identity.name} color={identity.color} onStop={() => setSpotlight(false)} />}
      <div className="tsr-presence-top" style={{ position: 'absolute', top: 12, right: 12 }}>
        <UserList
          selfId={awareness.clientID}
          identity={identity}
          onIdentity={setIdentity}
          peers={peers}
          pageName={pageName}
          following={follow.following}
          presenting={presenting}
          onFollow={(id) => (follow.following === id ? followCtl?.stop() : followCtl?.follow(id))}
          onSpotlight={setSpotlight}
        />
      </div>
      <Toasts provider={conn.provider} />
      <div className="tsr-presence-bottom" style={{ position: 'absolute', right: 12, bottom: 12, display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 8 }}>
        <ChatPanel doc={conn.doc} identity={identity} readOnly={readOnly} />
        <StatusIndicator provider={conn.provider} pending={pending} />
      </div>
    </div>
  )
}
