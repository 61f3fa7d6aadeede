import * as Y from 'yjs'
import WebSocket from 'ws'
import * as yws1 from 'yws1'
import * as yws2 from 'yws2'
import * as yws3 from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { yws31rc } from './yws31rc'
import { namesOf, YrsPeer } from './yrsPeer'

/**
 * One client of a room, whatever library it is built on: the published y-websocket versions
 * (installed side by side as npm aliases) and a client on the Rust implementation (yrs, npm
 * `ywasm`). Tests speak to all of them through this one shape.
 */
export interface Peer {
  readonly flavor: Flavor
  /** doc.getMap('items').set(key, value) */
  set(key: string, value: string): void
  get(key: string): unknown
  /** the local awareness state (null: gone) */
  setPresence(state: Record<string, unknown> | null): void
  /** `user.name` of every other client's awareness state */
  othersNames(): string[]
  readonly synced: boolean
  readonly connected: boolean
  /** every WebSocket this peer opened (a reconnect loop shows as several) */
  readonly sockets: number
  /** status changes after the first 'connected' (a reconnect shows as 'disconnected', 'connecting', 'connected') */
  readonly statusChanges: string[]
  /** close codes of every closed socket of this peer */
  readonly closeCodes: number[]
  destroy(): void
}

export const FLAVORS = ['yws1', 'yws2', 'yws3', 'yws31rc', 'yrs'] as const
export type Flavor = (typeof FLAVORS)[number]
/** what each flavor is, for test names */
export const FLAVOR_NAMES: Record<Flavor, string> = {
  yws1: 'y-websocket 1.5.4',
  yws2: 'y-websocket 2.1.0',
  yws3: 'y-websocket 3.1.0',
  yws31rc: 'y-websocket 3.1.0-rc.5',
  yrs: 'yrs (ywasm 0.18.3)',
}

type ProviderClass = typeof yws3.WebsocketProvider
const PROVIDERS: Record<Exclude<Flavor, 'yrs'>, ProviderClass> = {
  yws1: (yws1 as unknown as typeof yws3).WebsocketProvider,
  yws2: (yws2 as unknown as typeof yws3).WebsocketProvider,
  yws3: yws3.WebsocketProvider,
  yws31rc: yws31rc.WebsocketProvider,
}

/** A stock provider of the given version, counting its sockets, status changes and closes. */
export class ProviderPeer implements Peer {
  readonly doc = new Y.Doc()
  readonly provider: InstanceType<ProviderClass>
  sockets = 0
  readonly statusChanges: string[] = []
  readonly closeCodes: number[] = []
  private seenConnected = false

  constructor(
    readonly flavor: Exclude<Flavor, 'yrs'>,
    serverUrl: string,
    room: string,
  ) {
    const self = this
    // Counts every socket the provider opens and the close code of each.
    class CountingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        self.sockets++
        this.on('close', (code: number) => self.closeCodes.push(code))
        this.on('error', () => {})
      }
    }
    this.provider = new PROVIDERS[flavor](serverUrl, room, this.doc, {
      WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    this.provider.on('status', ({ status }: { status: string }) => {
      if (this.seenConnected) this.statusChanges.push(status)
      if (status === 'connected') this.seenConnected = true
    })
  }

  private get awareness(): Awareness {
    return this.provider.awareness
  }

  set(key: string, value: string): void {
    this.doc.getMap('items').set(key, value)
  }
  get(key: string): unknown {
    return this.doc.getMap('items').get(key)
  }
  setPresence(state: Record<string, unknown> | null): void {
    this.awareness.setLocalState(state)
  }
  othersNames(): string[] {
    return namesOf(this.awareness.getStates(), this.awareness.clientID)
  }
  get synced(): boolean {
    return this.provider.synced
  }
  get connected(): boolean {
    return this.provider.wsconnected
  }
  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}

/** A client of `flavor` in `room` on the server at `serverUrl` (ws://H:P, optionally with a path prefix). */
export function newPeer(flavor: Flavor, serverUrl: string, room: string): Peer {
  return flavor === 'yrs' ? new YrsPeer(serverUrl, room) : new ProviderPeer(flavor, serverUrl, room)
}
