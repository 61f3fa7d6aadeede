/**
 * The states a room can leave for good, shared by its parts (server/room*.ts). Once set, a flag
 * is never cleared: the registry drops the room and its next user loads a fresh one.
 */
export class RoomState {
  /** deleted or unloaded: nothing more is written or sent */
  destroyed = false
  /** an update failed half-way: the document is no longer trusted (never compacted, never served again) */
  poisoned = false
  /** the stored state could not be read: the room is quarantined (never served, never written) */
  damaged = false

  /** true while updates may still be applied to the document */
  get live(): boolean {
    return !this.destroyed && !this.poisoned && !this.damaged
  }
}
