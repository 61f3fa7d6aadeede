/**
 * The awareness (presence) state every Tessera client publishes — CONTRACT §4, in scene
 * coordinates — plus the one optional extension `spotlight` (present and true only while the
 * user asks everyone to follow them; absent otherwise, which keeps the state small).
 */
export type { Awareness } from 'y-protocols/awareness'

export interface UserInfo {
  name: string
  color: string
}

export interface CursorState {
  x: number
  y: number
  pageId: string
}

export interface ViewportState {
  /** scene coordinates at the viewport centre (same convention as the editor camera) */
  x: number
  y: number
  zoom: number
  pageId: string
}

export interface PresenceState {
  user: UserInfo
  cursor: CursorState | null
  selection: string[]
  viewport: ViewportState
  /** clientID of the user being followed, or null */
  following: number | null
  /** true while this user presents ("Spotlight me"); omitted otherwise */
  spotlight?: boolean
  /**
   * The laser pointer's trail, flat [x, y, t, …]: scene coordinates and t in ms since the
   * trail's first point (not a wall clock, so peers' clocks need not agree). Only the last
   * second is sent; omitted when there is no trail.
   */
  laser?: number[]
  /** ids this user is dragging, resizing or typing in right now; omitted when none */
  editing?: string[]
}

/** A remote user as the UI sees them: a validated state plus its awareness clientID. */
export interface Peer extends PresenceState {
  clientId: number
}
