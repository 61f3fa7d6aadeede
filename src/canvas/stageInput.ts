import type Konva from 'konva'
import { layerIntersection } from './items/itemsKonvaLayer'
import { panBy, screenToScene, zoomAt } from './camera'
import type { Point } from './state/editorStore'
import { TOOLS } from './tools'
import type { ItemHandle, Tool, ToolContext, ToolPointerEvent } from './tools/types'
import { LINEAR_HANDLE } from './transform/linearSelection'
import { CROP_HANDLE } from './transform/cropGeometry'
import { isActiveBoard } from './board/activeBoard'
import { settleNudge } from './actions/floatNudge'

const DOUBLE_CLICK_MS = 350
/** The pointer rests this long on an item before its "last edited by" hint shows. */
export const HOVER_REST_MS = 300
const DOUBLE_CLICK_PX = 8

function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
}

/** Zoom factor for one wheel event; pinch gestures arrive as ctrlKey wheels with small deltas. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const d = deltaMode === 1 ? deltaY * 16 : deltaY
  return Math.exp(-Math.max(-24, Math.min(24, d)) * 0.01)
}

/**
 * Wires DOM input on the stage container to the camera and the active tool:
 * pointer events (mouse, pen, touch) normalised to ToolPointerEvent in scene coordinates with the
 * top-most item under the pointer (Konva hit graph); wheel pan / Ctrl+wheel and pinch zoom around
 * the pointer; Space+drag, middle-drag and two-finger touch pan/zoom in any tool.
 */
export function attachStageInput(container: HTMLElement, stage: Konva.Stage, ctx: ToolContext): () => void {
  const { store } = ctx
  let spaceDown = false
  let pan: { pointerId: number; last: Point } | null = null
  let toolPointer: number | null = null
  const touches = new Map<number, Point>()
  let pinch: { dist: number; mid: Point } | null = null
  let lastUp: { t: number; p: Point } | null = null
  let activeTool: Tool | undefined
  let activeToolId = store.get().tool

  const currentTool = (): Tool | undefined => {
    const s = store.get()
    const id = s.readOnly && s.tool !== 'hand' ? 'select' : s.tool
    return TOOLS[id]
  }

  const updateCursor = () => {
    const c = pan ? 'grabbing' : spaceDown ? 'grab' : (currentTool()?.cursor ?? 'default')
    if (container.style.cursor !== c) container.style.cursor = c
  }

  const syncTool = () => {
    const s = store.get()
    if (s.tool === activeToolId && activeTool === currentTool()) return
    activeTool?.onExit?.(ctx)
    toolPointer = null
    activeToolId = s.tool
    activeTool = currentTool()
    activeTool?.onEnter?.(ctx)
    updateCursor()
  }
  activeTool = currentTool()
  activeTool?.onEnter?.(ctx)
  updateCursor()
  const offStore = store.subscribe(syncTool)

  // The pointer's scene position (where paste lands, what others see as our cursor) depends on
  // the camera too: a wheel pan, a zoom-to-fit or following someone moves the scene under a
  // pointer that stays put. So keep its screen position and derive the scene one again whenever
  // the camera or the viewport changes, not only on pointer moves.
  let pointerScreen: Point | null = null
  let pointerView = { camera: store.get().camera, viewport: store.get().viewportSize }
  const setPointerAt = (screen: Point | null) => {
    const s = store.get()
    pointerScreen = screen
    pointerView = { camera: s.camera, viewport: s.viewportSize }
    store.setPointer(screen && screenToScene(screen, s.camera, s.viewportSize))
  }
  const offPointer = store.subscribe(() => {
    const s = store.get()
    if (pointerScreen && (s.camera !== pointerView.camera || s.viewportSize !== pointerView.viewport)) setPointerAt(pointerScreen)
  })

  // hover: hit-tested once the pointer rests, not on every move
  let hoverTimer: ReturnType<typeof setTimeout> | null = null
  const clearHover = () => {
    if (hoverTimer !== null) clearTimeout(hoverTimer)
    hoverTimer = null
    store.setHover(null)
  }
  const restAt = (screen: Point) => {
    clearHover()
    hoverTimer = setTimeout(() => {
      hoverTimer = null
      store.setHover(hit(screen).targetId)
    }, HOVER_REST_MS)
  }

  const local = (e: { clientX: number; clientY: number }): Point => {
    const r = container.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }

  // top layer first; shapes that are neither items nor transformer handles (e.g. others' cursors) don't block
  const hit = (screen: Point): { targetId: string | null; onHandle: boolean; handle?: ItemHandle } => {
    const layers = stage.getLayers()
    for (let i = layers.length - 1; i >= 0; i--) {
      const shape = layerIntersection(layers[i]!, screen)
      if (!shape) continue
      if (shape.findAncestor('Transformer')) return { targetId: null, onHandle: true }
      if (shape.hasName(LINEAR_HANDLE) || shape.hasName(CROP_HANDLE)) {
        const handle = shape.getAttr('handle') as ItemHandle
        return { targetId: handle.id, onHandle: false, handle }
      }
      const item = shape.hasName('item') ? shape : shape.findAncestor('.item')
      if (item) return { targetId: item.id(), onHandle: false }
    }
    return { targetId: null, onHandle: false }
  }

  const toolEvent = (e: PointerEvent, withHit: boolean): ToolPointerEvent => {
    const screen = local(e)
    const s = store.get()
    const h = withHit ? hit(screen) : { targetId: null, onHandle: false }
    return {
      scene: screenToScene(screen, s.camera, s.viewportSize),
      screen,
      button: e.button,
      shiftKey: e.shiftKey,
      modKey: e.ctrlKey || e.metaKey,
      altKey: e.altKey,
      pointerId: e.pointerId,
      ...h,
    }
  }

  const startPinch = () => {
    const [a, b] = [...touches.values()]
    if (!a || !b) return
    pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } }
  }

  const onPointerDown = (e: PointerEvent) => {
    if (isTypingTarget(e.target) && e.target !== container) return
    store.notifyUserInteraction()
    clearHover()
    settleNudge(ctx.doc)
    if (e.pointerType === 'touch') {
      touches.set(e.pointerId, local(e))
      if (touches.size === 2) {
        // a second finger turns whatever the first one started into a pinch
        if (toolPointer !== null) activeTool?.onCancel?.(ctx)
        toolPointer = null
        pan = null
        startPinch()
        return
      }
      if (touches.size > 2) return
    }
    if (e.button === 1 || (e.button === 0 && spaceDown)) {
      e.preventDefault()
      pan = { pointerId: e.pointerId, last: local(e) }
      container.setPointerCapture(e.pointerId)
      updateCursor()
      return
    }
    if (toolPointer !== null) return
    const te = toolEvent(e, true)
    if (te.onHandle) return // the transformer handles its anchors itself
    toolPointer = e.pointerId
    container.setPointerCapture(e.pointerId)
    activeTool?.onPointerDown?.(ctx, te)
  }

  const onPointerMove = (e: PointerEvent) => {
    const s = store.get()
    const screen = local(e)
    if (e.pointerType === 'touch' && touches.has(e.pointerId)) {
      touches.set(e.pointerId, screen)
      if (pinch && touches.size === 2) {
        const prev = pinch
        startPinch()
        const next = pinch as { dist: number; mid: Point } | null
        if (next && prev.dist > 0) {
          const zoomed = zoomAt(s.camera, s.viewportSize, next.mid, s.camera.zoom * (next.dist / prev.dist))
          store.setCamera(panBy(zoomed, next.mid.x - prev.mid.x, next.mid.y - prev.mid.y))
        }
        return
      }
    }
    if (pan && e.pointerId === pan.pointerId) {
      pointerScreen = screen // (the scene point under a dragging pan stays the same)
      store.setCamera(panBy(s.camera, screen.x - pan.last.x, screen.y - pan.last.y))
      pan.last = screen
      return
    }
    setPointerAt(screen)
    if (e.buttons === 0 && e.pointerType === 'mouse') restAt(screen)
    else if (store.get().hoverId !== null || hoverTimer !== null) clearHover()
    if (toolPointer === e.pointerId) activeTool?.onPointerMove?.(ctx, toolEvent(e, activeTool.hitOnMove === true))
    else if (toolPointer === null && e.buttons === 0) activeTool?.onPointerMove?.(ctx, toolEvent(e, false))
  }

  const onPointerUp = (e: PointerEvent) => {
    if (e.pointerType === 'touch') {
      touches.delete(e.pointerId)
      if (pinch) {
        if (touches.size < 2) pinch = null
        return
      }
    }
    if (pan && e.pointerId === pan.pointerId) {
      pan = null
      updateCursor()
      return
    }
    if (toolPointer !== e.pointerId) return
    toolPointer = null
    const te = toolEvent(e, true)
    activeTool?.onPointerUp?.(ctx, te)
    if (e.button !== 0) return
    const now = performance.now()
    if (lastUp && now - lastUp.t < DOUBLE_CLICK_MS && Math.hypot(te.screen.x - lastUp.p.x, te.screen.y - lastUp.p.y) < DOUBLE_CLICK_PX) {
      lastUp = null
      activeTool?.onDoubleClick?.(ctx, te)
    } else lastUp = { t: now, p: te.screen }
  }

  const onPointerCancel = (e: PointerEvent) => {
    touches.delete(e.pointerId)
    if (touches.size < 2) pinch = null
    if (pan?.pointerId === e.pointerId) pan = null
    if (toolPointer === e.pointerId) {
      toolPointer = null
      activeTool?.onCancel?.(ctx)
    }
    updateCursor()
  }

  const onPointerLeave = () => {
    clearHover()
    if (toolPointer === null) setPointerAt(null)
  }

  const onWheel = (e: WheelEvent) => {
    e.preventDefault()
    store.notifyUserInteraction()
    const s = store.get()
    // the camera change below moves the pointer's scene position with it (see setPointerAt)
    const at = local(e)
    pointerScreen = at
    if (e.ctrlKey || e.metaKey) {
      store.setCamera(zoomAt(s.camera, s.viewportSize, at, s.camera.zoom * wheelZoomFactor(e.deltaY, e.deltaMode)))
      return
    }
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? s.viewportSize.height : 1
    let dx = e.deltaX * unit
    let dy = e.deltaY * unit
    if (e.shiftKey && dx === 0) [dx, dy] = [dy, 0]
    store.setCamera(panBy(s.camera, -dx, -dy))
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.code !== 'Space' || isTypingTarget(e.target) || !isActiveBoard(store)) return
    e.preventDefault()
    if (!spaceDown) {
      spaceDown = true
      updateCursor()
    }
  }
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.code !== 'Space') return
    spaceDown = false
    updateCursor()
  }
  const onBlur = () => {
    spaceDown = false
    updateCursor()
  }
  const noMenu = (e: MouseEvent) => e.preventDefault()

  container.addEventListener('pointerdown', onPointerDown)
  container.addEventListener('pointermove', onPointerMove)
  container.addEventListener('pointerup', onPointerUp)
  container.addEventListener('pointercancel', onPointerCancel)
  container.addEventListener('pointerleave', onPointerLeave)
  container.addEventListener('wheel', onWheel, { passive: false })
  container.addEventListener('contextmenu', noMenu)
  window.addEventListener('keydown', onKeyDown)
  window.addEventListener('keyup', onKeyUp)
  window.addEventListener('blur', onBlur)
  return () => {
    clearHover()
    offStore()
    offPointer()
    activeTool?.onExit?.(ctx)
    container.removeEventListener('pointerdown', onPointerDown)
    container.removeEventListener('pointermove', onPointerMove)
    container.removeEventListener('pointerup', onPointerUp)
    container.removeEventListener('pointercancel', onPointerCancel)
    container.removeEventListener('pointerleave', onPointerLeave)
    container.removeEventListener('wheel', onWheel)
    container.removeEventListener('contextmenu', noMenu)
    window.removeEventListener('keydown', onKeyDown)
    window.removeEventListener('keyup', onKeyUp)
    window.removeEventListener('blur', onBlur)
  }
}
