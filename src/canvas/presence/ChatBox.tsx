import { useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { CHAT_MAX_TEXT, sendChat, type ChatMessage } from '../../doc/chat'
import type { UserInfo } from '../../awareness/types'
import { FONT, panel } from './styles'

function time(ts: number): string {
  const d = new Date(ts)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** The open chat (ChatPanel keeps the messages and the unread count): the list and the input. */
export function ChatBox(props: {
  doc: Y.Doc
  identity: UserInfo
  readOnly: boolean
  messages: readonly ChatMessage[]
  draft: string
  setDraft: (draft: string) => void
  onClose: () => void
}) {
  const { doc, identity, readOnly, messages, draft, setDraft, onClose } = props
  const listRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = listRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [messages])

  const send = () => {
    const r = sendChat(doc, { author: identity.name, color: identity.color, text: draft })
    if (r.ok) setDraft('')
  }

  return (
    <section data-testid="chat-panel" aria-label="Room chat" style={{ ...panel, width: 300, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 10px 8px 12px', borderBottom: '1px solid #f1f3f5' }}>
        <strong style={{ fontSize: 13 }}>Chat</strong>
        <button
          type="button"
          data-testid="chat-toggle"
          aria-expanded
          aria-label="Close chat"
          onClick={onClose}
          style={{ border: 'none', background: 'transparent', cursor: 'pointer', fontSize: 16, color: '#868e96', lineHeight: '16px' }}
        >
          ×
        </button>
      </header>
      <div ref={listRef} style={{ height: 260, overflowY: 'auto', padding: '6px 12px', display: 'flex', flexDirection: 'column', gap: 8 }}>
        {messages.length === 0 && <p style={{ color: '#868e96', fontSize: 12, margin: 'auto', textAlign: 'center' }}>No messages yet. Say hello!</p>}
        {messages.map((m) => (
          <div key={m.id} data-testid="chat-message" style={{ fontFamily: FONT, fontSize: 13, lineHeight: 1.35 }}>
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 6 }}>
              <span style={{ width: 8, height: 8, borderRadius: 4, background: m.color, flex: 'none', alignSelf: 'center' }} />
              <strong data-testid="chat-author" style={{ color: m.color }}>
                {m.author}
              </strong>
              <span style={{ fontSize: 11, color: '#adb5bd' }}>{time(m.ts)}</span>
            </div>
            <div data-testid="chat-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', paddingLeft: 14 }}>
              {m.text}
            </div>
          </div>
        ))}
      </div>
      <div style={{ padding: 8, borderTop: '1px solid #f1f3f5' }}>
        <input
          data-testid="chat-input"
          autoFocus
          // a view-only connection's document updates are dropped by the server, so it cannot post
          disabled={readOnly}
          placeholder={readOnly ? 'View only: you can read the chat' : 'Message everyone… (Enter to send)'}
          value={draft}
          maxLength={CHAT_MAX_TEXT}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            // keep typing out of the canvas shortcuts
            e.stopPropagation()
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault()
              send()
            }
            if (e.key === 'Escape') onClose()
          }}
          style={{ width: '100%', boxSizing: 'border-box', font: 'inherit', padding: '6px 9px', border: '1px solid #ced4da', borderRadius: 6, outline: 'none' }}
        />
      </div>
    </section>
  )
}
