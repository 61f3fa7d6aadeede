/** Stub — replaced by the presence work: user list, follow banner, status indicator, toasts, chat. */
export function PresenceUI() {
  return null
}
