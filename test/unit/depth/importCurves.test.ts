import { describe, expect, it } from 'vitest'
import { convertExcalidraw, convertTldraw } from '../../../src/doc/import'
import { must } from '../doc/docHelpers'

// Tessera draws a line/arrow of exactly three points as a curve through the middle one
// (shapes/curve.ts): the importers keep a curved source curved and a sharp corner sharp.
const el = (over: Record<string, unknown>) => ({ x: 0, y: 0, width: 200, height: 100, angle: 0, strokeColor: '#1e1e1e', backgroundColor: 'transparent', strokeWidth: 2, strokeStyle: 'solid', roughness: 0, opacity: 100, groupIds: [], isDeleted: false, ...over })

describe('importing bent lines and arrows', () => {
  it('Excalidraw: a round arrow through three points stays a curve; a sharp line keeps its corner', () => {
    const c = must(
      convertExcalidraw(
        {
          type: 'excalidraw',
          elements: [
            el({ id: 'round', type: 'arrow', roundness: { type: 2 }, points: [[0, 0], [100, 80], [200, 0]] }),
            el({ id: 'sharp', type: 'line', roundness: null, points: [[0, 0], [100, 80], [200, 0]] }),
            el({ id: 'elbow', type: 'arrow', roundness: { type: 2 }, elbowed: true, points: [[0, 0], [100, 0], [100, 80]] }),
          ],
        },
        'page-1',
      ),
    )
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    expect(by.get('round')!.points).toEqual([0, 0, 100, 80, 200, 0])
    expect(by.get('sharp')!.points).toEqual([0, 0, 100, 80, 100, 80, 200, 0])
    expect(by.get('elbow')!.points).toEqual([0, 0, 100, 0, 100, 0, 100, 80])
  })

  it('tldraw: a line of three points keeps its corner unless its spline is cubic', () => {
    const line = (id: string, spline: string) => ({
      id,
      typeName: 'shape',
      type: 'line',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a1',
      parentId: 'page:p',
      opacity: 1,
      props: { spline, color: 'black', size: 'm', dash: 'solid', points: { a: { id: 'a', index: 'a1', x: 0, y: 0 }, b: { id: 'b', index: 'a2', x: 100, y: 80 }, c: { id: 'c', index: 'a3', x: 200, y: 0 } } },
    })
    const c = must(
      convertTldraw({ tldrawFileFormatVersion: 1, schema: {}, records: [{ id: 'page:p', typeName: 'page', name: 'P', index: 'a1' }, line('shape:sharp', 'line'), line('shape:smooth', 'cubic')] }, 'page-1'),
    )
    const by = new Map(c.scene.items.map((i) => [i.id, i]))
    expect(by.get('shape:sharp')!.points).toEqual([0, 0, 100, 80, 100, 80, 200, 0])
    expect(by.get('shape:smooth')!.points).toEqual([0, 0, 100, 80, 200, 0])
  })
})
