import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { browserStorage, loadIdentity, saveIdentity } from '../../awareness/identity'
import { bindPresence, type PresencePublisher, type PresenceSourceStore } from '../../awareness/publish'
import { createFollowController, frameAnimator, type FollowController, type FollowState, type FollowTargetStore } from '../../awareness/follow'
import type { UserInfo } from '../../awareness/types'
import { keepRemoteClocksFresh, type StatusEmitter } from '../../awareness/reconnect'
import { sendOwnAwarenessOnly, type AwarenessSendingProvider } from '../../awareness/echo'

/** The local identity (remembered in localStorage) and a setter that persists it. */
export function useIdentity(): [UserInfo, (u: UserInfo) => void] {
  const [id, setId] = useState<UserInfo>(() => loadIdentity(browserStorage()))
  const set = (u: UserInfo) => {
    saveIdentity(browserStorage(), u)
    setId(u)
  }
  return [id, set]
}

/** Publishes the local awareness state from the editor store for as long as the board is mounted. */
export function usePublishPresence(awareness: Awareness, store: PresenceSourceStore, user: UserInfo): PresencePublisher | null {
  const [pub, setPub] = useState<PresencePublisher | null>(null)
  const userRef = useRef(user)
  userRef.current = user
  useEffect(() => {
    const p = bindPresence(awareness, store, userRef.current)
    setPub(p)
    return () => p.destroy()
  }, [awareness, store])
  useEffect(() => pub?.setUser(user), [pub, user])
  return pub
}

/**
 * Provider fixes for presence: peers reappear at once after a reconnect (src/awareness/reconnect.ts)
 * and received awareness changes are not echoed back to the server (src/awareness/echo.ts).
 */
export function useProviderFixes(provider: StatusEmitter & AwarenessSendingProvider, awareness: Awareness): void {
  useEffect(() => {
    sendOwnAwarenessOnly(provider)
    return keepRemoteClocksFresh(provider, awareness)
  }, [provider, awareness])
}

const IDLE: FollowState = { following: null, reason: null }

/** Follow mode / spotlight controller and its current state. */
export function useFollow(awareness: Awareness, store: FollowTargetStore, pub: PresencePublisher | null): [FollowState, FollowController | null] {
  const [ctl, setCtl] = useState<FollowController | null>(null)
  useEffect(() => {
    if (!pub) return
    const c = createFollowController(awareness, store, pub.setFollowing, frameAnimator())
    setCtl(c)
    return () => {
      c.destroy()
      setCtl(null)
    }
  }, [awareness, store, pub])
  const state = useSyncExternalStore(
    (l) => (ctl ? ctl.subscribe(l) : () => {}),
    () => (ctl ? ctl.get() : IDLE),
  )
  return [state, ctl]
}
