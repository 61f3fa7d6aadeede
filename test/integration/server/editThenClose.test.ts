import { describe, expect, it } from 'vitest'
import { addItems, ensureDefaultPage, itemsMap } from '../../../src/doc'
import { newClient, synced } from '../../helpers/clients'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { waitFor } from '../../helpers/waitFor'

// A client that makes a big edit and closes at once (a script, a tab closed right after a paste):
// the server has read the update, so it is stored, even when the room gets to it only after the
// socket closed. Before, a closed connection's queued update was dropped like a flooder's: in a
// probe, 3 of 8 such edits (3,000 or 10,000 items) never reached the next client.
const env = useServerWithClients()

describe('sync server: an edit sent just before the client closes', () => {
  it('is stored and reaches the next client, for edits of 3,000 and 10,000 items', async () => {
    for (const [round, n] of [3_000, 10_000, 3_000, 10_000].entries()) {
      const room = `edit-then-close-${round}`
      const writer = newClient(env.server.wsUrl, room)
      await synced(writer.provider)
      ensureDefaultPage(writer.doc)
      const r = addItems(writer.doc, Array.from({ length: n }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: i, y: 0, width: 10, height: 10 })))
      expect(r.ok).toBe(true)
      writer.destroy()
      const reader = newClient(env.server.wsUrl, room)
      try {
        await synced(reader.provider)
        await waitFor(() => itemsMap(reader.doc).size === n, { timeout: 60_000, message: `all ${n} items of round ${round} at the next client` })
      } finally {
        reader.destroy()
      }
    }
  }, 300_000)
})
