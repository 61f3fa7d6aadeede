import { fitBounds, zoomAt } from '../camera'
import { sceneModelFor } from '../items/sceneModel'
import type { Action, ActionContext } from './types'

/** Zoom steps as in tldraw: each press moves to the next stop. */
export const ZOOM_STOPS = [0.1, 0.25, 0.5, 1, 2, 4, 8]

function zoomAroundCentre(ctx: ActionContext, zoom: number): void {
  const { camera, viewportSize } = ctx.store.get()
  ctx.store.setCamera(zoomAt(camera, viewportSize, { x: viewportSize.width / 2, y: viewportSize.height / 2 }, zoom))
}

export const zoomInAction: Action = {
  id: 'zoomIn',
  label: 'Zoom in',
  writes: false,
  run: (ctx) => {
    const z = ctx.store.get().camera.zoom
    zoomAroundCentre(ctx, ZOOM_STOPS.find((s) => s > z + 1e-9) ?? z)
  },
}

export const zoomOutAction: Action = {
  id: 'zoomOut',
  label: 'Zoom out',
  writes: false,
  run: (ctx) => {
    const z = ctx.store.get().camera.zoom
    zoomAroundCentre(ctx, [...ZOOM_STOPS].reverse().find((s) => s < z - 1e-9) ?? z)
  },
}

export const zoomResetAction: Action = {
  id: 'zoomReset',
  label: 'Reset zoom to 100%',
  writes: false,
  run: (ctx) => zoomAroundCentre(ctx, 1),
}

/** Shift+1: fit every item of the page (or the origin at 100% on an empty page). */
export const zoomToFitAction: Action = {
  id: 'zoomToFit',
  label: 'Zoom to fit',
  writes: false,
  run: (ctx) => {
    const { pageId, viewportSize } = ctx.store.get()
    const b = sceneModelFor(ctx.doc).pageBounds(pageId)
    ctx.store.setCamera(b ? fitBounds(b, viewportSize) : { x: 0, y: 0, zoom: 1 })
  },
}
