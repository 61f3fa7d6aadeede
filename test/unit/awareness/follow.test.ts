import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { createEditorStore } from '../../../src/canvas/state/editorStore'
import { bindPresence } from '../../../src/awareness/publish'
import { createFollowController } from '../../../src/awareness/follow'

/** Two awareness instances wired through encode/apply, like y-websocket does over the wire. */
function pair() {
  const a = new Awareness(new Y.Doc())
  const b = new Awareness(new Y.Doc())
  const wire = (from: Awareness, to: Awareness) =>
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'remote')
    })
  wire(a, b)
  wire(b, a)
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), 'remote')
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), 'remote')
  return { a, b }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function setup() {
  const { a, b } = pair()
  const storeA = createEditorStore()
  const storeB = createEditorStore()
  // interval 0: publish synchronously so the test needs no timers
  const pubA = bindPresence(a, storeA, { name: 'Ann', color: '#e03131' }, { intervalMs: 0 })
  const pubB = bindPresence(b, storeB, { name: 'Ben', color: '#1971c2' }, { intervalMs: 0 })
  const followB = createFollowController(b, storeB, pubB.setFollowing)
  cleanups.push(() => {
    followB.destroy()
    pubA.destroy()
    pubB.destroy()
    a.destroy()
    b.destroy()
  })
  return { a, b, storeA, storeB, pubA, pubB, followB }
}

describe('publishing presence from the editor store', () => {
  it('writes cursor, selection and viewport in scene coordinates', () => {
    const { a, b, storeA } = setup()
    storeA.setPointer({ x: 12.345, y: -7 })
    storeA.setSelection(['i1'])
    storeA.setCamera({ x: 100, y: 50, zoom: 2 })
    expect(b.getStates().get(a.clientID)).toEqual({
      user: { name: 'Ann', color: '#e03131' },
      cursor: { x: 12.3, y: -7, pageId: 'page-1' },
      selection: ['i1'],
      viewport: { x: 100, y: 50, zoom: 2, pageId: 'page-1' },
      following: null,
    })
    storeA.setPointer(null)
    expect(b.getStates().get(a.clientID)?.cursor).toBeNull()
  })

  it('does not send when an unrelated store field changes', () => {
    const { a, storeA } = setup()
    let sent = 0
    a.on('update', () => sent++)
    storeA.setTool('rect')
    storeA.setViewportSize({ width: 10, height: 10 })
    expect(sent).toBe(0)
  })
})

describe('follow mode', () => {
  it('tracks the followed user’s camera and page until we interact', () => {
    const { a, b, storeA, storeB, followB } = setup()
    followB.follow(a.clientID)
    expect(a.getStates().get(b.clientID)?.following).toBe(a.clientID)
    storeA.setCamera({ x: 300, y: 200, zoom: 0.5 })
    expect(storeB.get().camera).toEqual({ x: 300, y: 200, zoom: 0.5 })
    storeA.setPage('page-2')
    expect(storeB.get().pageId).toBe('page-2')
    storeB.notifyUserInteraction()
    expect(followB.get().following).toBeNull()
    expect(a.getStates().get(b.clientID)?.following).toBeNull()
    storeA.setCamera({ x: 0, y: 0, zoom: 1 })
    expect(storeB.get().camera).toEqual({ x: 300, y: 200, zoom: 0.5 })
  })

  it('animates camera moves on the same page through the injected animator, jumps across pages', () => {
    const { a, b } = pair()
    const storeA = createEditorStore()
    const storeB = createEditorStore()
    const pubA = bindPresence(a, storeA, { name: 'Ann', color: '#e03131' }, { intervalMs: 0 })
    const pubB = bindPresence(b, storeB, { name: 'Ben', color: '#1971c2' }, { intervalMs: 0 })
    const runs: { to: { x: number }; finish: () => void; cancelled: boolean }[] = []
    const follow = createFollowController(b, storeB, pubB.setFollowing, (from, to, apply) => {
      const run = { to, cancelled: false, finish: () => apply(to) }
      apply({ ...from, x: (from.x + to.x) / 2 })
      runs.push(run)
      return () => void (run.cancelled = true)
    })
    cleanups.push(() => (follow.destroy(), pubA.destroy(), pubB.destroy(), a.destroy(), b.destroy()))
    follow.follow(a.clientID)
    storeA.setCamera({ x: 100, y: 0, zoom: 1 })
    expect(storeB.get().camera.x).toBe(50) // half-way
    storeA.setCamera({ x: 200, y: 0, zoom: 1 })
    expect(runs[0].cancelled).toBe(true) // superseded
    runs[1].finish()
    expect(storeB.get().camera).toEqual({ x: 200, y: 0, zoom: 1 })
    storeA.setPage('page-2')
    storeA.setCamera({ x: 900, y: 0, zoom: 1 })
    expect(storeB.get().pageId).toBe('page-2')
  })

  it('stops when the followed user leaves', () => {
    const { a, followB } = setup()
    followB.follow(a.clientID)
    a.setLocalState(null)
    expect(followB.get().following).toBeNull()
  })

  it('auto-follows a presenter; leaving keeps us out until the next presentation', () => {
    const { a, storeA, storeB, pubA, followB } = setup()
    pubA.setSpotlight(true)
    expect(followB.get()).toEqual({ following: a.clientID, reason: 'spotlight' })
    storeA.setCamera({ x: 9, y: 9, zoom: 3 })
    expect(storeB.get().camera.zoom).toBe(3)
    followB.stop()
    storeA.setCamera({ x: 1, y: 1, zoom: 1 })
    expect(followB.get().following).toBeNull()
    expect(storeB.get().camera.zoom).toBe(3)
    pubA.setSpotlight(false)
    pubA.setSpotlight(true)
    expect(followB.get().following).toBe(a.clientID)
    pubA.setSpotlight(false)
    expect(followB.get().following).toBeNull()
  })

  it('ignores a malformed remote state', () => {
    const { a, followB } = setup()
    a.setLocalState({ user: 'evil', spotlight: true })
    expect(followB.get().following).toBeNull()
    followB.follow(a.clientID)
    expect(followB.get().following).toBeNull()
  })
})
