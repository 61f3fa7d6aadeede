import { ensureLabel, isEditableText, readItem } from '../../../doc'
import { sceneModelFor } from '../../items/sceneModel'
import { createAndEdit } from '../textLike'
import { textInit } from '../text'
import { EndpointDrag } from './endpointDrag'
import { CropDrag } from './cropDrag'
import { isCropHandle } from '../types'
import { enteredGroup, selectableTarget, setEnteredGroup, toSelectable } from './groupSelection'
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
  | { name: 'pointingHandle'; down: ToolPointerEvent }
  | { name: 'draggingHandle'; drag: EndpointDrag | CropDrag }

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
    if (st.name === 'draggingHandle') st.drag.cancel()
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
      // crop mode ends with a press anywhere but on the image's crop handles
      const cropping = store.get().croppingId
      if (cropping && !(e.handle && e.handle.id === cropping)) store.setCropping(null)
      if (e.handle && !store.get().readOnly) {
        st = { name: 'pointingHandle', down: e }
        return
      }
      // a press on a group's member picks the group, unless the user has entered that group
      const target = e.targetId ? selectableTarget(ctx, e.targetId) : null
      if (target) {
        const wasSelected = sel.includes(target)
        if (!wasSelected) store.setSelection(e.shiftKey ? [...sel, target] : [target])
        st = { name: 'pointingItem', id: target, down: e, wasSelected }
      } else {
        setEnteredGroup(ctx, null)
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
          const picked = store.get().selection.includes(st.id) ? store.get().selection : [st.id]
          // groups and frames carry what is inside them
          const ids = sceneModelFor(ctx.doc).withDescendants(picked)
          st = { name: 'translating', translation: new Translation(ctx, ids, st.down.scene) }
          st.translation.update(e.scene, !e.modKey)
          return
        }
        case 'translating':
          st.translation.update(e.scene, !e.modKey)
          return
        case 'pointingHandle':
          if (dist(e.screen, st.down.screen) < DRAG_THRESHOLD_PX || !st.down.handle) return
          {
            const h = st.down.handle
            const drag = isCropHandle(h) ? new CropDrag(ctx, h, st.down.scene) : new EndpointDrag(ctx, h, st.down.scene)
            st = { name: 'draggingHandle', drag }
          }
          st.drag.update(e.scene)
          return
        case 'draggingHandle':
          st.drag.update(e.scene)
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
          const hits = toSelectable(ctx, model.queryGeometric(store.get().pageId, rect).filter((id) => !model.get(id)?.locked))
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
        case 'draggingHandle':
          st.drag.commit()
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
      // a double-click in crop mode ends it (as in tldraw)
      if (e.handle && isCropHandle(e.handle)) return void ctx.store.setCropping(null)
      if (ctx.store.get().readOnly || e.handle) return
      // on empty canvas: a new text there (CONTRACT §5)
      if (!e.targetId) {
        createAndEdit(ctx, textInit(ctx, e.scene))
        return
      }
      if (sceneModelFor(ctx.doc).get(e.targetId)?.locked) return
      // on a group's member: enter the group and select that member
      const model = sceneModelFor(ctx.doc)
      const picked = selectableTarget(ctx, e.targetId)
      if (picked && picked !== e.targetId && model.placement(picked)?.type === 'group') {
        const inner = model.placement(e.targetId)?.parentId ?? null
        setEnteredGroup(ctx, inner)
        ctx.store.setSelection([selectableTarget(ctx, e.targetId) ?? e.targetId])
        return
      }
      if (startCrop(ctx, e.targetId)) return
      editLabel(ctx, e.targetId)
    },

    onKeyDown(ctx, e) {
      // Enter or Escape ends crop mode, keeping the crop
      if ((e.key === 'Enter' || e.key === 'Escape') && ctx.store.get().croppingId && st.name === 'idle') {
        ctx.store.setCropping(null)
        e.preventDefault()
        return
      }
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

/** Opens the inline editor on a text, a sticky or a shape's label (Enter or double-click). */
export function editLabel(ctx: ToolContext, id: string): boolean {
  const it = readItem(ctx.doc, id)
  if (!it || !isEditableText(it.type) || ctx.store.get().readOnly) return false
  if (!ensureLabel(ctx.doc, id).ok) return false
  if (ctx.store.get().tool !== 'select') ctx.store.setTool('select')
  ctx.store.setSelection([id])
  ctx.store.setEditing(id)
  return true
}

/** Double-click on an image (or the style panel's Crop): crop mode on it, handles on its visible part. */
export function startCrop(ctx: ToolContext, id: string): boolean {
  const it = sceneModelFor(ctx.doc).get(id)
  if (!it || it.type !== 'image' || it.locked || ctx.store.get().readOnly) return false
  if (ctx.store.get().tool !== 'select') ctx.store.setTool('select')
  ctx.store.setSelection([id])
  ctx.store.setCropping(id)
  return true
}

export { enteredGroup }
