/**
 * The editor's local (non-shared) state: tool, selection, page, camera, pointer.
 * A tiny external store compatible with React's useSyncExternalStore; no React inside,
 * so tools, presence and tests can read and drive it directly.
 */
export interface Camera {
  /** scene coordinates at the centre of the viewport */
  x: number
  y: number
  zoom: number
}

export type ToolId = 'select' | 'hand' | 'rect' | 'ellipse' | 'line' | 'arrow' | 'pen' | 'text' | 'sticky' | LookToolId | 'frame'
/** Tools added for issue 17 (look and feel): the laser pointer and the eraser. */
export type LookToolId = 'laser' | 'eraser'

export interface Point {
  x: number
  y: number
}

export interface EditorSnapshot {
  tool: ToolId
  selection: readonly string[]
  pageId: string
  camera: Camera
  /** CSS pixels of the stage */
  viewportSize: { width: number; height: number }
  /** scene coordinates of the pointer over the stage, null when outside */
  pointer: Point | null
  readOnly: boolean
  /** id of the text/sticky item being edited inline, if any */
  editingId: string | null
  /** id of the image being cropped (crop mode, transform/CropHandles.tsx), if any */
  croppingId: string | null
  /** the select tool's marquee in scene coordinates, while brushing */
  brush: SceneRect | null
  /** snap guide lines to draw while moving (scene coordinates) */
  guides: readonly SnapGuide[]
  /** the local user's name, written as `updatedBy` by every scene op this editor runs */
  author: string
  /** ids being dragged or resized right now (published as awareness `editing`) */
  gestureIds: readonly string[]
  /** the item the pointer has rested on (for the "last edited by" hint), or null */
  hoverId: string | null
  /** the local laser pointer's trail, [x, y, t, …] (see canvas/laser/trail.ts); [] when none */
  laser: readonly number[]
  /** performance.now() at which the laser trail's t = 0 */
  laserStart: number
}

export interface SceneRect {
  x: number
  y: number
  width: number
  height: number
}

/** axis 'x': a vertical line at x = pos from y = start to end; axis 'y': horizontal. */
export interface SnapGuide {
  axis: 'x' | 'y'
  pos: number
  start: number
  end: number
}

export interface EditorStore {
  get(): EditorSnapshot
  subscribe(listener: () => void): () => void
  setCamera(c: Camera): void
  setPage(pageId: string): void
  setSelection(ids: readonly string[]): void
  setTool(t: ToolId): void
  setReadOnly(v: boolean): void
  setViewportSize(size: { width: number; height: number }): void
  setPointer(p: Point | null): void
  setEditing(id: string | null): void
  setCropping(id: string | null): void
  setBrush(r: SceneRect | null): void
  setGuides(g: readonly SnapGuide[]): void
  setAuthor(name: string): void
  setGestureIds(ids: readonly string[]): void
  setHover(id: string | null): void
  setLaser(points: readonly number[], start: number): void
  /** fires on direct user input on the canvas (pointer down, wheel, key); follow mode stops on it */
  onUserInteraction(listener: () => void): () => void
  notifyUserInteraction(): void
}

export const MIN_ZOOM = 0.05
export const MAX_ZOOM = 8

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z))
}

export function createEditorStore(init: Partial<EditorSnapshot> = {}): EditorStore {
  let state: EditorSnapshot = {
    tool: 'select',
    selection: [],
    pageId: 'page-1',
    camera: { x: 0, y: 0, zoom: 1 },
    viewportSize: { width: 800, height: 600 },
    pointer: null,
    readOnly: false,
    editingId: null,
    croppingId: null,
    brush: null,
    guides: [],
    author: '',
    gestureIds: [],
    hoverId: null,
    laser: [],
    laserStart: 0,
    ...init,
  }
  const listeners = new Set<() => void>()
  const interactionListeners = new Set<() => void>()

  const set = (patch: Partial<EditorSnapshot>) => {
    state = { ...state, ...patch }
    for (const l of [...listeners]) l()
  }

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setCamera: (c) => set({ camera: { x: c.x, y: c.y, zoom: clampZoom(c.zoom) } }),
    setPage: (pageId) => {
      if (pageId !== state.pageId) set({ pageId, selection: [], editingId: null, croppingId: null })
    },
    // crop mode ends when its image leaves the selection, with another tool or page, or read-only
    setSelection: (ids) => set(state.croppingId && !ids.includes(state.croppingId) ? { selection: [...ids], croppingId: null } : { selection: [...ids] }),
    setTool: (tool) => set({ tool, editingId: null, croppingId: null }),
    setReadOnly: (readOnly) => set(readOnly ? { readOnly, tool: state.tool === 'hand' ? 'hand' : 'select', editingId: null, croppingId: null } : { readOnly }),
    setViewportSize: (viewportSize) => set({ viewportSize }),
    setPointer: (pointer) => set({ pointer }),
    setEditing: (editingId) => set({ editingId }),
    setCropping: (croppingId) => {
      if (croppingId !== state.croppingId) set({ croppingId })
    },
    setBrush: (brush) => {
      if (brush !== state.brush) set({ brush })
    },
    setGuides: (guides) => {
      if (guides.length > 0 || state.guides.length > 0) set({ guides: [...guides] })
    },
    setAuthor: (author) => {
      if (author !== state.author) set({ author })
    },
    setGestureIds: (ids) => {
      if (ids.length > 0 || state.gestureIds.length > 0) set({ gestureIds: [...ids] })
    },
    setHover: (hoverId) => {
      if (hoverId !== state.hoverId) set({ hoverId })
    },
    setLaser: (laser, laserStart) => {
      if (laser.length > 0 || state.laser.length > 0) set({ laser, laserStart })
    },
    onUserInteraction(listener) {
      interactionListeners.add(listener)
      return () => interactionListeners.delete(listener)
    },
    notifyUserInteraction: () => {
      for (const l of [...interactionListeners]) l()
    },
  }
}

/** The scene-op options for writes made from this editor: the local user as author. */
export function byMe(store: Pick<EditorStore, 'get'>): { author: string } {
  return { author: store.get().author }
}
