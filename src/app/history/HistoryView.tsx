import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import * as Y from 'yjs'
import { createUndoManager, localOrigin, restoreDoc } from '../../doc'
import { BoardContext, useBoard, type BoardContextValue } from '../../canvas/board/BoardContext'
import { createEditorStore } from '../../canvas/state/editorStore'
import { Stage } from '../../canvas/Stage'
import { HistoryApi, type Version } from './historyApi'
import { describeChanges, describeWhen, replayProgress } from './historyText'
import { playSpan, REPLAY_SPEEDS, type ReplaySpeed } from './replay'

/**
 * The open History panel: loaded on demand (its own chunk), so the editor a board page loads
 * first does not carry it. See HistoryPanel.tsx for what it does.
 */
interface Preview {
  value: BoardContextValue
  version: Version
  replaying: string | null
}

export default function HistoryView({ onClose }: { onClose: () => void }) {
  const board = useBoard()
  const { conn, store, undo } = board
  const api = useMemo(() => new HistoryApi(conn.room, conn.token), [conn.room, conn.token])
  const readOnly = store.get().readOnly
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [index, setIndex] = useState<number | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [status, setStatus] = useState('')
  const [label, setLabel] = useState('')
  const stopReplay = useRef<(() => void) | null>(null)
  // how many items the preview has drawn (data-rendered): what tests and bench/historyBrowser.ts wait for
  const [previewRendered, setPreviewRendered] = useState(0)

  const refresh = useCallback(async () => {
    try {
      setVersions(await api.list())
    } catch (e) {
      setStatus(`Could not load the history: ${(e as Error).message}`)
    }
  }, [api])
  useEffect(() => void refresh(), [refresh])

  const showDoc = useCallback(
    (doc: Y.Doc, version: Version, replaying: string | null) => {
      const live = store.get()
      setPreviewRendered(0)
      const previewStore = createEditorStore({ viewportSize: live.viewportSize, camera: live.camera, pageId: live.pageId, readOnly: true })
      setPreview((old) => {
        old?.value.undo.destroy()
        old?.value.conn.doc.destroy()
        return { value: { conn: { ...conn, doc }, store: previewStore, undo: createUndoManager(doc) }, version, replaying }
      })
    },
    [conn, store],
  )
  useEffect(() => () => stopReplay.current?.(), [])
  const endPreview = () => {
    stopReplay.current?.()
    setPreview((old) => {
      old?.value.undo.destroy()
      old?.value.conn.doc.destroy()
      return null
    })
    setIndex(null)
  }

  const scrubTo = async (i: number) => {
    const v = versions?.[i]
    if (!v) return
    stopReplay.current?.()
    setIndex(i)
    try {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, await api.state(v.id))
      showDoc(doc, v, null)
      setStatus('')
    } catch (e) {
      setStatus(`Could not load that version: ${(e as Error).message}`)
    }
  }

  // from the chosen version's span on through the newest version, crossing every span between
  const replay = async (speed: ReplaySpeed) => {
    const v = index === null ? undefined : versions?.[index]
    const newest = versions?.[0]
    if (!v || !newest) return
    stopReplay.current?.()
    try {
      const span = await api.replay(v.id, newest.id)
      const doc = new Y.Doc()
      if (span.base) Y.applyUpdate(doc, span.base)
      showDoc(doc, v, `Replaying at ${speed}× …`)
      stopReplay.current = playSpan(doc, span, speed, (done, total) => {
        setPreview((p) => (p ? { ...p, replaying: replayProgress(speed, done, total, span.marks) } : p))
      })
      if (span.updates.length === 0) setPreview((p) => (p ? { ...p, replaying: 'No stored edits in this span' } : p))
    } catch (e) {
      setStatus(`Could not replay: ${(e as Error).message}`)
    }
  }

  const restore = async () => {
    const v = index === null ? undefined : versions?.[index]
    if (!v) return
    try {
      const author = store.get().author
      // the state restored over stays reachable as a version of its own
      await api.name(`Before restoring ${describeWhen(v.at)}`, author)
      const target = new Y.Doc()
      Y.applyUpdate(target, await api.state(v.id))
      undo.stopCapturing()
      restoreDoc(conn.doc, target, localOrigin)
      undo.stopCapturing()
      target.destroy()
      endPreview()
      setStatus(`Restored the version of ${describeWhen(v.at)}. Ctrl+Z undoes it.`)
      await refresh()
    } catch (e) {
      setStatus(`Could not restore: ${(e as Error).message}`)
    }
  }

  const nameCurrent = async () => {
    const text = label.trim()
    if (!text) return
    try {
      await api.name(text, store.get().author)
      setLabel('')
      setStatus(`Named this version “${text}”.`)
      await refresh()
    } catch (e) {
      setStatus(`Could not name the version: ${(e as Error).message}`)
    }
  }

  const oldestFirst = versions ? versions.length - 1 : 0
  return (
    <>
      {preview && (
        <div data-testid="history-preview" data-items={preview.value.conn.doc.getMap('items').size} data-rendered={previewRendered} style={{ position: 'fixed', inset: 0, zIndex: 40, background: 'var(--tsr-bg, #fff)' }}>
          <BoardContext.Provider value={preview.value}>
            <Stage onRendered={setPreviewRendered} />
          </BoardContext.Provider>
          <div style={BANNER}>
            Read-only: the board as of {describeWhen(preview.version.at)}
            {preview.replaying ? ` — ${preview.replaying}` : ''}
            <button type="button" style={BUTTON} onClick={endPreview} data-testid="history-back-live">Back to live</button>
          </div>
        </div>
      )}
      <aside data-testid="history-panel" aria-label="History" style={PANEL}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <strong>History</strong>
          <button type="button" style={BUTTON} aria-label="Close history" onClick={() => (endPreview(), onClose())}>✕</button>
        </div>
        {versions && versions.length > 0 && (
          <input
            type="range"
            data-testid="history-scrubber"
            aria-label="Scrub through versions"
            min={0}
            max={oldestFirst}
            value={index === null ? oldestFirst : oldestFirst - index}
            onChange={(e) => void scrubTo(oldestFirst - Number(e.target.value))}
            style={{ width: '100%' }}
          />
        )}
        {index !== null && (
          <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {REPLAY_SPEEDS.map((s) => (
              <button key={s} type="button" style={BUTTON} data-testid={`history-replay-${s}`} onClick={() => void replay(s)}>
                ▶ {s}×
              </button>
            ))}
            {!readOnly && (
              <button type="button" style={{ ...BUTTON, fontWeight: 600 }} data-testid="history-restore" onClick={() => void restore()}>
                Restore this version
              </button>
            )}
          </div>
        )}
        {!readOnly && (
          <form style={{ display: 'flex', gap: 4 }} onSubmit={(e) => (e.preventDefault(), void nameCurrent())}>
            <input data-testid="history-label" placeholder="Name the current state" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} style={{ flex: 1, minWidth: 0 }} />
            <button type="submit" style={BUTTON} data-testid="history-name">Name</button>
          </form>
        )}
        {status && <div role="status" data-testid="history-status" style={{ fontSize: 12 }}>{status}</div>}
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto', flex: 1 }}>
          {versions === null && <li>Loading…</li>}
          {versions?.length === 0 && <li style={{ color: '#666' }}>No versions yet: one is kept every 5 minutes of editing.</li>}
          {versions?.map((v, i) => (
            <li key={v.id}>
              <button
                type="button"
                data-testid="history-version"
                aria-current={i === index}
                onClick={() => void scrubTo(i)}
                style={{ ...ROW, background: i === index ? '#e0e7ff' : 'transparent' }}
              >
                <div style={{ fontWeight: 600 }}>{v.label ?? describeWhen(v.at)}</div>
                <div style={{ fontSize: 12, color: '#555' }}>
                  {v.label ? `${describeWhen(v.at)} · ` : ''}
                  {describeChanges(v)} · {v.items} item{v.items === 1 ? '' : 's'}
                </div>
              </button>
            </li>
          ))}
        </ol>
      </aside>
    </>
  )
}

const PANEL: React.CSSProperties = {
  position: 'fixed', top: 56, right: 12, bottom: 12, width: 300, zIndex: 50, display: 'flex', flexDirection: 'column', gap: 8,
  padding: 12, background: '#fff', color: '#111', border: '1px solid #ddd', borderRadius: 10, boxShadow: '0 6px 24px rgba(0,0,0,.15)',
  fontSize: 14,
}
const BANNER: React.CSSProperties = {
  position: 'fixed', top: 12, left: '50%', transform: 'translateX(-50%)', zIndex: 45, display: 'flex', alignItems: 'center', gap: 8,
  padding: '6px 12px', background: '#1e293b', color: '#fff', borderRadius: 8, fontSize: 13,
}
const BUTTON: React.CSSProperties = { padding: '4px 8px', border: '1px solid #ccc', borderRadius: 6, background: '#f8fafc', color: '#111', cursor: 'pointer' }
const ROW: React.CSSProperties = { display: 'block', width: '100%', textAlign: 'left', padding: '6px 8px', border: 0, borderRadius: 6, cursor: 'pointer', color: '#111' }
