import { useEffect, useRef } from 'react'
import { useBoard } from '../board/BoardContext'
import { isActiveBoard } from '../board/activeBoard'
import type { ActionContext } from '../actions'
import { IMAGE_TYPES } from '../assets/assets'
import { screenToScene } from '../camera'
import { useEditor } from './hooks'
import { ICONS } from './icons'
import { isTypingTarget } from './useShortcuts'

/** The image files among a paste's or drop's items. */
function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return []
  return [...data.files].filter((f) => IMAGE_TYPES.includes(f.type))
}

/** Uploads and adds images (insertImages.ts, loaded with the first one: it left the editor chunk). */
function insertImages(...args: Parameters<typeof import('../assets/insertImages').insertImages>): Promise<string[]> {
  return import('../assets/insertImages').then((m) => m.insertImages(...args))
}

/** A dropped file that is a board rather than an image: Excalidraw, tldraw or a Tessera scene (JSON). */
export function isSceneFile(f: File): boolean {
  return /\.(excalidraw|tldr|json)$/i.test(f.name) || f.type === 'application/json'
}

/**
 * Images in: pasting or dropping image files on the board, and the toolbar's image button (a
 * file picker). Hidden on read-only boards. A dropped .excalidraw, .tldr or Tessera .json file
 * goes to `onSceneFile` (imported as ☰ → Import does).
 */
export function ImageInput({ ctx, onSceneFile }: { ctx: ActionContext; onSceneFile?: (file: File) => void }) {
  const { conn } = useBoard()
  const readOnly = useEditor((s) => s.readOnly)
  const input = useRef<HTMLInputElement>(null)
  const anchor = useRef<HTMLSpanElement>(null)

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (isTypingTarget(e.target) || !isActiveBoard(ctx.store)) return
      const files = imageFiles(e.clipboardData)
      if (files.length === 0) return
      e.preventDefault()
      void insertImages(ctx, conn, files)
    }
    // this board's canvas (a page may hold several boards): the stage beside our overlay
    const canvas = anchor.current?.closest('.tsr-ui')?.parentElement?.querySelector<HTMLElement>('[data-testid="canvas"]')
    const onDragOver = (e: DragEvent) => {
      if ([...(e.dataTransfer?.items ?? [])].some((i) => i.kind === 'file')) e.preventDefault()
    }
    const onDrop = (e: DragEvent) => {
      const files = imageFiles(e.dataTransfer)
      if (files.length === 0) {
        const scene = [...(e.dataTransfer?.files ?? [])].find(isSceneFile)
        if (!scene || !onSceneFile) return
        e.preventDefault()
        onSceneFile(scene)
        return
      }
      e.preventDefault()
      const r = (e.currentTarget as HTMLElement).getBoundingClientRect()
      const s = ctx.store.get()
      const at = screenToScene({ x: e.clientX - r.left, y: e.clientY - r.top }, s.camera, s.viewportSize)
      void insertImages(ctx, conn, files, at)
    }
    document.addEventListener('paste', onPaste, true)
    canvas?.addEventListener('dragover', onDragOver)
    canvas?.addEventListener('drop', onDrop)
    return () => {
      document.removeEventListener('paste', onPaste, true)
      canvas?.removeEventListener('dragover', onDragOver)
      canvas?.removeEventListener('drop', onDrop)
    }
  }, [ctx, conn, onSceneFile])

  return (
    <span ref={anchor} style={{ display: 'contents' }}>
      {!readOnly && (
      <>
      <button type="button" className="tsr-icon-btn" data-testid="tool-image" title="Image — paste, drop or pick a file" aria-label="Insert image" onClick={() => input.current?.click()}>
        {ICONS.image}
      </button>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        data-testid="image-file-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])]
          e.currentTarget.value = ''
          void insertImages(ctx, conn, files)
        }}
      />
      </>
      )}
    </span>
  )
}
