import { lazy, Suspense, useState } from 'react'
import { initials } from '../../awareness/peers'
import { readableOn } from '../../awareness/color'
import type { UserInfo } from '../../awareness/types'
import { FONT, panel } from './styles'
import { retryImport } from '../retryImport'

// the name and colour editor is its own chunk, fetched when it first opens
const IdentityEditor = lazy(() => retryImport(() => import('./IdentityEditor').then((m) => ({ default: m.IdentityEditor }))))

/** What the list shows of one remote user (kept small so cursor moves do not re-render it). */
export interface RosterEntry {
  clientId: number
  name: string
  color: string
  pageId: string
  spotlight: boolean
}

const MAX_SHOWN = 8

function Avatar({ name, color, testId, title, ring, onClick }: { name: string; color: string; testId: string; title: string; ring?: string; onClick: () => void }) {
  return (
    <button
      type="button"
      data-testid={testId}
      title={title}
      aria-label={title}
      onClick={onClick}
      style={{
        width: 30,
        height: 30,
        borderRadius: 15,
        background: color,
        color: readableOn(color),
        border: '2px solid #fff',
        boxShadow: ring ? `0 0 0 2px ${ring}` : '0 0 0 1px #dee2e6',
        fontFamily: FONT,
        fontSize: 11,
        fontWeight: 700,
        letterSpacing: 0.3,
        cursor: 'pointer',
        padding: 0,
        marginLeft: -4,
        flex: 'none',
      }}
    >
      {initials(name)}
    </button>
  )
}

/** Top-right avatars: you first (click to edit your name/colour), then everyone else (click to follow). */
export function UserList(props: {
  selfId: number
  identity: UserInfo
  onIdentity: (u: UserInfo) => void
  peers: RosterEntry[]
  pageName: (pageId: string) => string
  following: number | null
  presenting: boolean
  onFollow: (clientId: number) => void
  onSpotlight: (on: boolean) => void
}) {
  const [editing, setEditing] = useState(false)
  const [menu, setMenu] = useState(false)
  const shown = props.peers.slice(0, MAX_SHOWN)
  const hidden = props.peers.length - shown.length
  return (
    <div data-testid="user-list" style={{ ...panel, position: 'relative', display: 'flex', alignItems: 'center', padding: '4px 6px 4px 10px', gap: 2 }}>
      <Avatar
        testId={`user-avatar-${props.selfId}`}
        name={props.identity.name}
        color={props.identity.color}
        title={`${props.identity.name} (you) — click to change`}
        ring={props.presenting ? props.identity.color : undefined}
        onClick={() => {
          setMenu(false)
          setEditing((v) => !v)
        }}
      />
      {shown.map((p) => (
        <Avatar
          key={p.clientId}
          testId={`user-avatar-${p.clientId}`}
          name={p.name}
          color={p.color}
          title={`${p.name} — ${props.pageName(p.pageId)}${p.spotlight ? ' (presenting)' : ''} · click to follow`}
          ring={props.following === p.clientId || p.spotlight ? p.color : undefined}
          onClick={() => props.onFollow(p.clientId)}
        />
      ))}
      {hidden > 0 && (
        <span data-testid="user-overflow" title={props.peers.slice(MAX_SHOWN).map((p) => p.name).join(', ')} style={{ fontSize: 12, color: '#495057', padding: '0 4px' }}>
          +{hidden}
        </span>
      )}
      <button
        type="button"
        data-testid="user-menu"
        aria-label="Presence menu"
        aria-expanded={menu}
        onClick={() => {
          setEditing(false)
          setMenu((v) => !v)
        }}
        style={{ border: 'none', background: 'transparent', cursor: 'pointer', fontSize: 16, lineHeight: '16px', padding: '4px 6px', color: '#495057', marginLeft: 2 }}
      >
        ⋯
      </button>
      {menu && (
        <div role="menu" style={{ ...panel, position: 'absolute', top: 44, right: 0, padding: 4, minWidth: 180, display: 'flex', flexDirection: 'column' }}>
          <MenuItem
            testId="spotlight-toggle"
            label={props.presenting ? 'Stop spotlight' : 'Spotlight me'}
            hint={props.presenting ? undefined : 'Everyone follows your view'}
            onClick={() => {
              props.onSpotlight(!props.presenting)
              setMenu(false)
            }}
          />
          <MenuItem
            testId="identity-edit"
            label="Change name and colour"
            onClick={() => {
              setMenu(false)
              setEditing(true)
            }}
          />
        </div>
      )}
      {editing && (
        <Suspense fallback={null}>
          <IdentityEditor identity={props.identity} onSave={props.onIdentity} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </div>
  )
}

function MenuItem({ testId, label, hint, onClick }: { testId: string; label: string; hint?: string; onClick: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      data-testid={testId}
      onClick={onClick}
      style={{ textAlign: 'left', border: 'none', background: 'transparent', font: 'inherit', padding: '6px 10px', borderRadius: 6, cursor: 'pointer' }}
      onMouseEnter={(e) => (e.currentTarget.style.background = '#f1f3f5')}
      onMouseLeave={(e) => (e.currentTarget.style.background = 'transparent')}
    >
      <div style={{ fontWeight: 600 }}>{label}</div>
      {hint && <div style={{ fontSize: 11, color: '#868e96' }}>{hint}</div>}
    </button>
  )
}
