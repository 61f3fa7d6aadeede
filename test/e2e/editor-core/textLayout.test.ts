import { describe, expect, it } from 'vitest'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { openBoard } from '../../helpers/app'

// Item texts lay themselves out (graphemes, wrapping, line widths) when first read, not when
// created or changed: mounting thousands of items at once (an undo of a big delete) laid out
// every text inside one React commit. What a read gives is what Konva's own Text gives.
const env = useServerAndBrowser()

describe('item text layout', () => {
  it('is done at the first read after a creation or a change, not before, and reads as Konva.Text lays it out', async () => {
    const { context, page } = await openBoard(env.browser, env.server.url, `text-layout-${Date.now().toString(36)}`)
    try {
      await page.waitForFunction(() => (window as unknown as { Konva?: Record<string, unknown> }).Konva?.TesseraItemText !== undefined, null, { timeout: 30_000 })
      const r = await page.evaluate(() => {
        type T = { textArr: { text: string; width: number }[]; getHeight(): number; getTextWidth(): number; getSelfRect(): unknown; setAttrs(a: object): void; destroy(): void }
        const K = (window as unknown as { Konva: Record<string, new (c: object) => T> }).Konva
        const proto = CanvasRenderingContext2D.prototype
        const original = proto.measureText
        let calls = 0
        proto.measureText = function (this: CanvasRenderingContext2D, t: string) {
          calls++
          return original.call(this, t)
        }
        const read = (t: T) => JSON.stringify({ lines: t.textArr.map((l) => [l.text, Math.round(l.width * 100)]), h: t.getHeight(), w: Math.round(t.getTextWidth() * 100), rect: t.getSelfRect() })
        try {
          const config = { text: 'A few words that wrap over lines', width: 90, fontSize: 20, wrap: 'word', lineHeight: 1.2 }
          const item = new K.TesseraItemText!(config)
          const atCreation = calls
          const first = read(item)
          const reference = read(new K.Text!(config))
          calls = 0
          item.setAttrs({ width: 220, fontSize: 16 })
          const atChange = calls
          const second = read(item)
          const reference2 = read(new K.Text!({ ...config, width: 220, fontSize: 16 }))
          return { atCreation, atChange, same: first === reference, same2: second === reference2, first }
        } finally {
          proto.measureText = original
        }
      })
      expect(r.atCreation).toBe(0)
      expect(r.atChange).toBe(0)
      expect(r.same).toBe(true)
      expect(r.same2).toBe(true)
      expect(JSON.parse(r.first).lines.length).toBeGreaterThan(1)
    } finally {
      await context.close()
    }
  })
})
