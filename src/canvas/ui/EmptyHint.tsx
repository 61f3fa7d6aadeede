import { useEffect, useState } from 'react'
import { useBoard } from '../board/BoardContext'
import { sceneModelFor } from '../items/sceneModel'
import { useEditor, useItemsVersion } from './hooks'

/** Waits this long before showing, so a board still loading does not flash the hint. */
const SHOW_AFTER_MS = 700

/** A quiet how-to in the middle of an empty page (gone with the first item). */
export function EmptyHint() {
  const { conn } = useBoard()
  useItemsVersion(conn.doc)
  const pageId = useEditor((s) => s.pageId)
  const readOnly = useEditor((s) => s.readOnly)
  const [ready, setReady] = useState(false)
  useEffect(() => {
    const t = setTimeout(() => setReady(true), SHOW_AFTER_MS)
    return () => clearTimeout(t)
  }, [])
  const empty = !sceneModelFor(conn.doc).hasItems(pageId)
  if (!ready || !empty) return null
  return (
    <div className="tsr-empty-hint" data-testid="empty-hint">
      {readOnly ? (
        <p>This board is empty.</p>
      ) : (
        <>
          <p className="tsr-empty-title">An empty board</p>
          <p>
            Pick a tool above or press <kbd>R</kbd> <kbd>O</kbd> <kbd>A</kbd> <kbd>T</kbd> <kbd>N</kbd>, then drag to draw.
          </p>
          <p>
            Paste or drop an image · <kbd>K</kbd> laser pointer · <kbd>?</kbd> every shortcut
          </p>
        </>
      )}
    </div>
  )
}
