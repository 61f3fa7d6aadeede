import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { useBoard } from '../board/BoardContext'
import { observeItems } from '../../doc'
import type { ActionContext, UiHooks } from '../actions'
import type { EditorSnapshot } from '../state/editorStore'
import { getToolStyle, subscribeToolStyle, type ToolStyle } from '../tools/toolStyle'

/** One field of the editor store, re-rendering only when it changes. */
export function useEditor<T>(pick: (s: EditorSnapshot) => T): T {
  const { store } = useBoard()
  return useSyncExternalStore(store.subscribe, () => pick(store.get()))
}

/**
 * Like useEditor, but re-renders at most once per `intervalMs` while the value keeps changing
 * (the last value always lands). For readouts of continuously animated state, such as the zoom
 * percentage during a pinch or wheel zoom, where a DOM update on every frame costs frame time.
 */
export function useEditorThrottled<T>(pick: (s: EditorSnapshot) => T, intervalMs: number): T {
  const { store } = useBoard()
  const [value, setValue] = useState(() => pick(store.get()))
  useEffect(() => {
    let shown = pick(store.get())
    let last = -Infinity
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      timer = null
      last = performance.now()
      shown = pick(store.get())
      setValue(() => shown)
    }
    const onChange = () => {
      if (timer !== null || Object.is(pick(store.get()), shown)) return
      const wait = last + intervalMs - performance.now()
      if (wait <= 0) flush()
      else timer = setTimeout(flush, wait)
    }
    setValue(() => shown) // the store may have moved between render and subscription
    const off = store.subscribe(onChange)
    return () => {
      off()
      if (timer !== null) clearTimeout(timer)
    }
    // `pick` is expected to be a stable (module-level) selector
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, intervalMs])
  return value
}

export function useToolStyle(): ToolStyle {
  const { store } = useBoard()
  return useSyncExternalStore(
    (l) => subscribeToolStyle(store, l),
    () => getToolStyle(store),
  )
}

/** The action context for this board (doc, store, undo and the overlay hooks). */
export function useActionContext(ui?: UiHooks): ActionContext {
  const { conn, store, undo } = useBoard()
  return useMemo(() => ({ doc: conn.doc, store, undo, ui }), [conn.doc, store, undo, ui])
}

/** A counter bumped on every item change, to re-read derived item data. */
export function useItemsVersion(doc: Y.Doc): number {
  const [v, setV] = useState(0)
  useEffect(() => {
    const off = observeItems(doc, () => setV((n) => n + 1))
    setV((n) => n + 1) // the items may have changed between render and subscription
    return off
  }, [doc])
  return v
}

/** A counter bumped whenever a top-level shared map changes deeply (e.g. 'pages'). */
export function useMapVersion(doc: Y.Doc, name: string): number {
  const [v, setV] = useState(0)
  useEffect(() => {
    const m = doc.getMap(name)
    const on = () => setV((n) => n + 1)
    m.observeDeep(on)
    on() // the map may have changed between render and subscription (e.g. the first sync arriving)
    return () => m.unobserveDeep(on)
  }, [doc, name])
  return v
}

/** canUndo/canRedo of the board's UndoManager, live. */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState(() => ({ canUndo: undo.canUndo(), canRedo: undo.canRedo() }))
  useEffect(() => {
    const on = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() })
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared', 'stack-item-updated'] as const
    for (const e of events) undo.on(e, on)
    on()
    return () => {
      for (const e of events) undo.off(e, on)
    }
  }, [undo])
  return state
}
