import { useLocalBoards } from './useLocalBoards'

/** "Available offline" next to a recent board that has a local copy on this device; nothing otherwise. */
export function OfflineBadge({ room }: { room: string }) {
  const rooms = useLocalBoards()
  if (!rooms?.has(room)) return null
  return (
    <span
      data-testid="offline-badge"
      data-room={room}
      title="A copy of this board is kept on this device: it opens without a network"
      style={{
        display: 'inline-block',
        fontSize: 11,
        padding: '0 6px',
        borderRadius: 8,
        letterSpacing: 0,
        background: '#e6f4ea',
        color: '#1e6b34',
        marginLeft: 6,
        whiteSpace: 'nowrap',
      }}
    >
      Available offline
    </span>
  )
}
