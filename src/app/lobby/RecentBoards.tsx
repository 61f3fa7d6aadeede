import { useEffect, useState } from 'react'
import type { RecentBoard } from '../recentBoards'
import { boardPath } from '../routes'
import { navigate } from './navigate'
import { formatRelativeTime } from './relativeTime'
import { OfflineBadge, RemoveLocalCopyButton } from '../offline' // offline-first: local-copy marks

const ROLE_LABEL = { owner: 'Owner', editor: 'Can edit', viewer: 'View only' } as const

/** This browser's recent boards, newest first, each with when it was last opened. */
export function RecentBoards({ boards }: { boards: RecentBoard[] }) {
  // Re-render every minute so "5 minutes ago" stays true while the lobby is open.
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(t)
  }, [])

  if (boards.length === 0) return null
  return (
    <section className="ts-card ts-recent" aria-labelledby="ts-recent-title">
      <h2 id="ts-recent-title">Recent boards</h2>
      <ul>
        {boards.map((b) => {
          const href = boardPath(b.room, b.token)
          return (
            <li key={b.room}>
              <a
                data-testid="recent-board"
                href={href}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
                  e.preventDefault()
                  navigate(href)
                }}
              >
                <span className="ts-recent-thumb" aria-hidden="true">
                  {(b.title || b.room).slice(0, 1).toUpperCase()}
                </span>
                <span className="ts-recent-main">
                  <span className="ts-recent-title">{b.title || 'Untitled board'}</span>
                  <span className="ts-recent-meta">
                    <code>{b.room}</code>
                    {b.role && <span> · {ROLE_LABEL[b.role]}</span>}
                    <OfflineBadge room={b.room} /> {/* offline-first: "Available offline" when this device has a copy */}
                  </span>
                </span>
                <time className="ts-recent-time" dateTime={new Date(b.lastOpened).toISOString()} title={new Date(b.lastOpened).toLocaleString()}>
                  {formatRelativeTime(b.lastOpened, now)}
                </time>
              </a>
              <RemoveLocalCopyButton room={b.room} /> {/* offline-first: remove this device's copy */}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
