import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { derivePeers } from '../../awareness/peers'
import type { Peer } from '../../awareness/types'

/**
 * A value derived from the valid remote states, recomputed on every awareness change but
 * re-rendering only when it differs (compared as JSON): cursors move at 30 Hz per peer, the
 * user list must not re-render for that.
 */
export function usePeersDerived<T>(awareness: Awareness, derive: (peers: Peer[]) => T): T {
  const compute = () => derive(derivePeers(awareness.getStates(), awareness.clientID))
  const [value, setValue] = useState<{ v: T; key: string }>(() => {
    const v = compute()
    return { v, key: JSON.stringify(v) }
  })
  useEffect(() => {
    const on = () => {
      const v = compute()
      const key = JSON.stringify(v)
      setValue((prev) => (prev.key === key ? prev : { v, key }))
    }
    on()
    awareness.on('change', on)
    return () => awareness.off('change', on)
    // derive is expected to be a stable module-level function
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness])
  return value.v
}

const identity = (p: Peer[]) => p

/** All valid remote peers, updated on every awareness change. */
export function usePeers(awareness: Awareness): Peer[] {
  return usePeersDerived(awareness, identity)
}
