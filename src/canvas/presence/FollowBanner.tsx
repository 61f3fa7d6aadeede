import { readableOn } from '../../awareness/color'
import { button, FONT } from './styles'

/**
 * Banner under the toolbar while following ("Following NAME" · Stop), watching a presenter
 * ("NAME is presenting" · Leave) or presenting yourself. A frame in the followed user's
 * colour marks the viewport as not yours.
 */
export function FollowBanner(props: {
  mode: 'following' | 'watching' | 'presenting'
  name: string
  color: string
  onStop: () => void
}) {
  const text = props.mode === 'following' ? `Following ${props.name}` : props.mode === 'watching' ? `${props.name} is presenting` : 'You are presenting — everyone follows your view'
  const action = props.mode === 'following' ? 'Stop' : props.mode === 'watching' ? 'Leave' : 'Stop presenting'
  const fg = readableOn(props.color)
  return (
    <>
      <div aria-hidden style={{ position: 'absolute', inset: 0, border: `3px solid ${props.color}`, pointerEvents: 'none' }} />
      <div
        data-testid="follow-banner"
        data-mode={props.mode}
        role="status"
        style={{
          position: 'absolute',
          top: 68, // below the toolbar (top centre)
          left: '50%',
          transform: 'translateX(-50%)',
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          background: props.color,
          color: fg,
          fontFamily: FONT,
          fontSize: 13,
          fontWeight: 600,
          padding: '5px 6px 5px 12px',
          borderRadius: 8,
          boxShadow: '0 2px 10px rgba(0,0,0,0.15)',
          pointerEvents: 'auto',
          whiteSpace: 'nowrap',
        }}
      >
        <span data-testid="follow-banner-text">{text}</span>
        <button type="button" data-testid="follow-stop" style={{ ...button, border: 'none' }} onClick={props.onStop}>
          {action}
        </button>
      </div>
    </>
  )
}
