import { describe, expect, it } from 'vitest'
import { addItems, updateItems } from '../../../src/doc'
import { createSelectTool } from '../../../src/canvas/tools/select'
import { editLabelAction } from '../../../src/canvas/actions/editLabel'
import type { ToolKeyEvent } from '../../../src/canvas/tools/types'
import { drag, ev, setup } from '../canvas-tools/harness'

const ASSET = 'b'.repeat(64)

function board() {
  const h = setup()
  const r = addItems(h.doc, [
    { type: 'image', pageId: 'page-1', x: 0, y: 0, width: 200, height: 100, image: ASSET },
    { type: 'rect', pageId: 'page-1', x: 400, y: 0, width: 50, height: 50 },
  ])
  if (!r.ok) throw new Error(r.message)
  const [img, rect] = r.value as [string, string]
  h.undo.clear()
  return { ...h, img, rect, tool: createSelectTool() }
}

const key = (k: string): ToolKeyEvent & { claimed: boolean } => {
  const e = { key: k, code: k, shiftKey: false, modKey: false, altKey: false, claimed: false, preventDefault: () => void (e.claimed = true) }
  return e
}

describe('crop mode', () => {
  it('a double-click on an image enters it; a crop handle drag trims the image in one undo step', () => {
    const b = board()
    b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img }))
    expect(b.store.get().croppingId).toBe(b.img)
    expect(b.store.get().selection).toEqual([b.img])
    drag(b.tool, b, [[200, 50], [180, 50], [150, 50]], { handle: { id: b.img, crop: 'e' } })
    expect(b.item(b.img)).toMatchObject({ x: 0, width: 150, crop: { x: 0, y: 0, width: 0.75, height: 1 } })
    expect(b.store.get().croppingId).toBe(b.img) // still cropping after the drag
    b.undo.undo()
    expect(b.item(b.img).width).toBe(200)
    expect(b.item(b.img).crop).toBeUndefined()
    b.undo.undo() // nothing further to undo: the image stays
    expect(b.items().some((i) => i.id === b.img)).toBe(true)
  })

  it('Enter or Escape ends it, keeping the crop and the selection', () => {
    for (const k of ['Enter', 'Escape']) {
      const b = board()
      b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img }))
      drag(b.tool, b, [[0, 50], [50, 50]], { handle: { id: b.img, crop: 'w' } })
      const e = key(k)
      b.tool.onKeyDown!(b, e)
      expect(e.claimed).toBe(true)
      expect(b.store.get().croppingId).toBeNull()
      expect(b.store.get().selection).toEqual([b.img])
      expect(b.item(b.img).crop!.x).toBeCloseTo(0.25, 9)
    }
  })

  it('a press elsewhere, another tool, a double-click or the image leaving the selection ends it', () => {
    const b = board()
    const enter = () => {
      b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img }))
      expect(b.store.get().croppingId).toBe(b.img)
    }
    enter()
    b.tool.onPointerDown!(b, ev(425, 25, { targetId: b.rect }))
    b.tool.onPointerUp!(b, ev(425, 25, { targetId: b.rect }))
    expect(b.store.get().croppingId).toBeNull()
    enter()
    b.store.setTool('rect')
    expect(b.store.get().croppingId).toBeNull()
    b.store.setTool('select')
    enter()
    b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img, handle: { id: b.img, crop: 'move' } }))
    expect(b.store.get().croppingId).toBeNull()
    enter()
    b.store.setSelection([]) // e.g. the image deleted by someone else and pruned
    expect(b.store.get().croppingId).toBeNull()
  })

  it('Enter on a selected image enters it too; viewers and locked images cannot crop; other items are not cropped', () => {
    const b = board()
    b.store.setSelection([b.img])
    editLabelAction.run(b)
    expect(b.store.get().croppingId).toBe(b.img)
    b.store.setCropping(null)

    b.tool.onDoubleClick!(b, ev(425, 25, { targetId: b.rect })) // a rect: its label, not a crop
    expect(b.store.get().croppingId).toBeNull()
    expect(b.store.get().editingId).toBe(b.rect)
    b.store.setEditing(null)

    if (!updateItems(b.doc, [{ id: b.img, patch: { locked: true } }]).ok) throw new Error('lock')
    b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img }))
    expect(b.store.get().croppingId).toBeNull()
    if (!updateItems(b.doc, [{ id: b.img, patch: { locked: false } }]).ok) throw new Error('unlock')
    b.store.setReadOnly(true)
    b.tool.onDoubleClick!(b, ev(100, 50, { targetId: b.img }))
    expect(b.store.get().croppingId).toBeNull()
  })
})
