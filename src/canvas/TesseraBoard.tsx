import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { connectRoom } from '../room/connectRoom'
import { activateBoard, registerBoard } from './board/activeBoard'
import { BoardContext, type BoardContextValue } from './board/BoardContext'
import { openBoard } from './board/openBoard'
import { PresenceUI } from './presence/PresenceUI'
import { Stage } from './Stage'
import { EditorUI } from './ui/EditorUI'
import { themeAttr, ThemeOverride } from './theme/useTheme'

export interface TesseraBoardProps {
  /** the Tessera server's WebSocket URL, e.g. `wss://example.com/tessera` (rooms are `<serverUrl>/<room>`) */
  serverUrl: string
  /** the room (board) to open */
  room: string
  /** a Tessera capability token for the room, when the server checks tokens (not needed with an `authenticate` hook) */
  token?: string | null
  /** show the board without the drawing tools; the server decides what is stored (a viewer's writes are dropped) */
  readOnly?: boolean
  /** light or dark (canvas and panels); default light, whatever this browser prefers for the app */
  theme?: 'light' | 'dark'
  /** the signed-in user as others see them (cursor label, user list); default: what this browser remembers */
  user?: { name?: string; color?: string }
  /** shows a Share button at the top left; the host opens its own sharing UI */
  onShareClick?: () => void
  /** called once the board has synced with the server and its items are on screen */
  onReady?: () => void
  className?: string
  /** the board fills its parent by default; give it a size here or through `className` */
  style?: CSSProperties
}

/**
 * The whole editor (canvas, tools, presence, chat, offline copy) for one room, inside a host's
 * React app. Styles are scoped to `.tsr-*` classes and inline styles; several boards may share a
 * page (keys go to the board last pressed or focused).
 */
export function TesseraBoard(props: TesseraBoardProps) {
  const { serverUrl, room, token = null, readOnly = false, theme = 'light', user, onShareClick, onReady, className, style } = props
  const [value, setValue] = useState<BoardContextValue | null>(null)
  // ready = synced with the server and the items layer has drawn (in either order), once per room
  const progress = useRef({ synced: false, rendered: false, fired: false })
  const onReadyRef = useRef(onReady)
  onReadyRef.current = onReady
  const maybeReady = () => {
    const p = progress.current
    if (!p.synced || !p.rendered || p.fired) return
    p.fired = true
    onReadyRef.current?.()
  }

  useEffect(() => {
    const conn = connectRoom(room, token, serverUrl)
    progress.current = { synced: false, rendered: false, fired: false }
    const board = openBoard(conn, {
      viewportSize: { width: 800, height: 600 },
      onSynced: () => {
        progress.current.synced = true
        maybeReady()
      },
    })
    const unregister = registerBoard(board.value.store)
    setValue(board.value)
    return () => {
      unregister()
      board.dispose()
      setValue(null)
    }
  }, [serverUrl, room, token])

  useEffect(() => {
    if (value) value.store.setReadOnly(readOnly)
  }, [value, readOnly])

  const onRendered = () => {
    progress.current.rendered = true
    maybeReady()
  }

  return (
    <div
      className={className ? `tsr-board ${className}` : 'tsr-board'}
      style={style}
      {...themeAttr(theme)}
      data-room={room}
      data-testid="tessera-board"
      onPointerDownCapture={() => value && activateBoard(value.store)}
      onFocusCapture={() => value && activateBoard(value.store)}
    >
      {value && (
        <BoardContext.Provider value={value}>
          <ThemeOverride.Provider value={theme}>
            <Stage onRendered={onRendered} />
            <EditorUI />
            <PresenceUI user={user} />
            {onShareClick && (
              <div className="tsr-ui" style={{ zIndex: 30 }}>
                <div className="tsr-top-left">
                  <button type="button" className="tsr-panel tsr-text-btn" data-testid="tessera-share" onClick={onShareClick}>
                    Share
                  </button>
                </div>
              </div>
            )}
          </ThemeOverride.Provider>
        </BoardContext.Provider>
      )}
    </div>
  )
}
