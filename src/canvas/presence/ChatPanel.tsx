import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { observeChat, readChat, type ChatMessage } from '../../doc/chat'
import type { UserInfo } from '../../awareness/types'
import { panel } from './styles'
import { retryImport } from '../retryImport'

// the open panel (messages, input) is its own chunk, fetched when the chat first opens
const ChatBox = lazy(() => retryImport(() => import('./ChatBox').then((m) => ({ default: m.ChatBox }))))

/** Collapsible room chat (bottom-right, above the status). History lives in the Y.Doc. */
export function ChatPanel({ doc, identity, readOnly = false }: { doc: Y.Doc; identity: UserInfo; readOnly?: boolean }) {
  const [open, setOpen] = useState(false)
  const [messages, setMessages] = useState<ChatMessage[]>(() => readChat(doc))
  const [unread, setUnread] = useState(0)
  // the draft outlives closing the panel
  const [draft, setDraft] = useState('')
  const openRef = useRef(open)
  openRef.current = open

  useEffect(() => {
    let seen = new Set(readChat(doc).map((m) => m.id))
    setMessages(readChat(doc))
    return observeChat(doc, ({ local }) => {
      const all = readChat(doc)
      const fresh = all.filter((m) => !seen.has(m.id)).length
      seen = new Set(all.map((m) => m.id))
      setMessages(all)
      if (!local && !openRef.current && fresh > 0) setUnread((u) => u + fresh)
    })
  }, [doc])

  if (!open) {
    return (
      <button
        type="button"
        data-testid="chat-toggle"
        aria-expanded={false}
        onClick={() => {
          setOpen(true)
          setUnread(0)
        }}
        style={{ ...panel, position: 'relative', cursor: 'pointer', padding: '6px 12px', fontWeight: 600, display: 'flex', alignItems: 'center', gap: 6 }}
      >
        <svg aria-hidden width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
        </svg>
        Chat
        {unread > 0 && (
          <span
            data-testid="chat-unread"
            aria-label={`${unread} unread`}
            style={{ position: 'absolute', top: -6, right: -6, minWidth: 18, height: 18, borderRadius: 9, background: '#e03131', color: '#fff', fontSize: 11, lineHeight: '18px', textAlign: 'center', padding: '0 5px', boxSizing: 'border-box' }}
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    )
  }

  return (
    <Suspense fallback={null}>
      <ChatBox doc={doc} identity={identity} readOnly={readOnly} messages={messages} draft={draft} setDraft={setDraft} onClose={() => setOpen(false)} />
    </Suspense>
  )
}
