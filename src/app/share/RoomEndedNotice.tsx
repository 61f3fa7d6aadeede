import type { RoomEnd } from './useRoomEnded'

const TEXT: Record<RoomEnd['kind'], { title: string; body: string }> = {
  deleted: { title: 'This board was ended by its owner', body: 'Its content has been removed. Nothing you draw now can be saved.' },
  forbidden: { title: 'You no longer have access to this board', body: 'The owner changed who can open it. Ask them for a new link.' },
  unauthorized: { title: 'Your link to this board is no longer valid', body: 'Ask the owner for a new link.' },
  noAccess: { title: 'You need a link to open this board', body: 'This board is private. Ask its owner for an edit or view link.' },
}

/** Full-page notice shown once the server ended this board's session. */
export function RoomEndedNotice({ end }: { end: RoomEnd }) {
  const t = TEXT[end.kind]
  return (
    <div className="ts-ended" data-testid="room-ended" data-kind={end.kind} role="alertdialog" aria-labelledby="ts-ended-title">
      <div className="ts-ended-card">
        <h2 id="ts-ended-title">{t.title}</h2>
        <p>{t.body}</p>
        <a className="ts-btn ts-btn-primary" href="/" data-testid="room-ended-lobby">
          Back to the lobby
        </a>
      </div>
    </div>
  )
}
