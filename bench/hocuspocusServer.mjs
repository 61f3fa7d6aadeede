// Hocuspocus 4.7 for the benchmarks, on 127.0.0.1 (env HOST, PORT). Without a storage extension
// Hocuspocus forgets a document when its last client leaves, so its state is kept here in memory as
// an encoded update (what its Database extension does with a real database): a document that
// unloads is loaded back from these bytes by its next client, like ours from SQLite.
import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'

const states = new Map()
const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT),
  quiet: true,
  debounce: 200,
  maxDebounce: 1000,
  async onLoadDocument({ document, documentName }) {
    const state = states.get(documentName)
    if (state) Y.applyUpdate(document, state)
  },
  async onStoreDocument({ document, documentName }) {
    states.set(documentName, Y.encodeStateAsUpdate(document))
  },
})
await server.listen()
process.on('SIGTERM', async () => {
  await server.destroy()
  process.exit(0)
})
