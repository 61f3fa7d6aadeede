import { useBoard } from '../board/BoardContext'
import { localCopyFor } from '../../room/offline/localPersistence'

/**
 * Shown on a board opened with a view link: nothing made here is sent to the server, and the
 * device keeps a separate view-only copy. Only inside <Board>.
 */
export function ViewOnlyLocalBadge() {
  const { conn } = useBoard()
  if (localCopyFor(conn.doc)?.access !== 'view') return null
  return (
    <div
      data-testid="view-only-local"
      title="Opened with a view link: changes are never sent, and this device keeps a separate view-only copy"
      style={{
        position: 'absolute',
        left: '50%',
        bottom: 12,
        transform: 'translateX(-50%)',
        fontFamily: 'system-ui, sans-serif',
        fontSize: 12,
        padding: '3px 10px',
        borderRadius: 10,
        background: 'rgba(40,40,40,0.8)',
        color: 'white',
        pointerEvents: 'none',
      }}
    >
      View only
    </div>
  )
}
