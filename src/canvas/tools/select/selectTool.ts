import { readItem } from '../../../doc'
import { sceneModelFor } from '../../items/sceneModel'
import { rectFromPoints } from '../../shapes/geometry'
import type { Point } from '../../state/editorStore'
import type { Tool, ToolContext, ToolPointerEvent } from '../types'
import { Translation } from './translate'

/** Screen pixels the pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD_PX = 3

/**
 * The select tool's states:
 *  idle → pointingItem (press on an item) → translating (dragged past the threshold) → idle
 *  idle → pointingCanvas (press on empty canvas) → brushing (marquee) → idle
 */
export type SelectState =
  | { name: 'idle' }
  | { name: 'pointingItem'; id: string; down: ToolPointerEvent; wasSelected: boolean }
  | { name: 'translating'; translation: Translation }
  | { name: 'pointingCanvas'; down: ToolPointerEvent; base: readonly string[] }
  | { name: 'brushing'; down: ToolPointerEvent; base: readonly string[] }

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

export interface SelectTool extends Tool {
  /** current state (tests and debugging) */
  state(): SelectState
}

export function createSelectTool(): SelectTool {
  let st: SelectState = { name: 'idle' }

  const cancel = (ctx: ToolContext) => {
    if (st.name === 'translating') st.translation.cancel()
    if (st.name === 'brushing') ctx.store.setSelection(st.base)
    ctx.store.setBrush(null)
    ctx.store.setGuides([])
    st = { name: 'idle' }
  }

  return {
    id: 'select',
    cursor: 'default',
    state: () => st,

    onPointerDown(ctx, e) {
      if (e.button !== 0 || e.onHandle) return
      // a locked item cannot be selected: pressing on it is pressing on the canvas
      if (e.targetId && sceneModelFor(ctx.doc).get(e.targetId)?.locked) e = { ...e, targetId: null }
      if (st.name !== 'idle') cancel(ctx)
      const { store } = ctx
      const sel = store.get().selection
      if (e.targetId) {
        const wasSelected = sel.includes(e.targetId)
        if (!wasSelected) store.setSelection(e.shiftKey ? [...sel, e.targetId] : [e.targetId])
        st = { name: 'pointingItem', id: e.targetId, down: e, wasSelected }
      } else {
        const base = e.shiftKey ? [...sel] : []
        if (!e.shiftKey && sel.length > 0) store.setSelection([])
        st = { name: 'pointingCanvas', down: e, base }
      }
    },

    onPointerMove(ctx, e) {
      const { store } = ctx
      switch (st.name) {
        case 'pointingItem': {
          if (dist(e.screen, st.down.screen) < DRAG_THRESHOLD_PX || store.get().readOnly) return
          const ids = store.get().selection.includes(st.id) ? store.get().selection : [st.id]
          st = { name: 'translating', translation: new Translation(ctx, ids, st.down.scene) }
          st.translation.update(e.scene, !e.modKey)
          return
        }
        case 'translating':
          st.translation.update(e.scene, !e.modKey)
          return
        case 'pointingCanvas':
        case 'brushing': {
          if (st.name === 'pointingCanvas') {
            if (dist(e.screen, st.down.screen) < DRAG_THRESHOLD_PX) return
            st = { name: 'brushing', down: st.down, base: st.base }
          }
          const rect = rectFromPoints(st.down.scene, e.scene)
          store.setBrush(rect)
          const model = sceneModelFor(ctx.doc)
          const hits = model.queryGeometric(store.get().pageId, rect).filter((id) => !model.get(id)?.locked)
          const next = st.base.length > 0 ? [...new Set([...st.base, ...hits])] : hits
          const cur = store.get().selection
          if (next.length !== cur.length || next.some((id, i) => id !== cur[i])) store.setSelection(next)
          return
        }
        case 'idle':
          return
      }
    },

    onPointerUp(ctx, e) {
      const { store } = ctx
      switch (st.name) {
        case 'pointingItem': {
          // a click (no drag) on an already selected item: shift toggles it off, else it alone stays
          if (st.wasSelected) {
            const sel = store.get().selection
            const target = st.id
            if (e.shiftKey || st.down.shiftKey) store.setSelection(sel.filter((id) => id !== target))
            else if (sel.length > 1) store.setSelection([st.id])
          }
          break
        }
        case 'translating':
          st.translation.commit()
          break
        case 'brushing':
          store.setBrush(null)
          break
        default:
          break
      }
      st = { name: 'idle' }
    },

    onDoubleClick(ctx, e) {
      if (!e.targetId || ctx.store.get().readOnly) return
      const it = readItem(ctx.doc, e.targetId)
      if (it?.locked) return
      if (it && (it.type === 'text' || it.type === 'sticky')) {
        ctx.store.setSelection([it.id])
        ctx.store.setEditing(it.id)
      }
    },

    onKeyDown(ctx, e) {
      if (e.key !== 'Escape') return
      if (st.name !== 'idle') cancel(ctx)
      else if (ctx.store.get().selection.length > 0) ctx.store.setSelection([])
      else return
      e.preventDefault()
    },

    onCancel(ctx) {
      cancel(ctx)
    },

    onExit(ctx) {
      cancel(ctx)
    },
  }
}

export const selectTool = createSelectTool()
