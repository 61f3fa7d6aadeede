// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/**
 * The server's room-name rule (server/roomName.ts, CONTRACT §2; a unit test keeps the two in
 * step): any non-empty name of at most 512 UTF-8 bytes without control characters.
 */
export function isRoomName(name: string): boolean {
  return name.length > 0 && new TextEncoder().encode(name).length <= 512 && !CONTROL.test(name)
}
