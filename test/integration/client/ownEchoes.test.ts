import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { skipOwnEchoes } from '../../../src/room/ownEchoes'
import { synced } from '../../helpers/clients'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { waitFor } from '../../helpers/waitFor'

const ctx = useServerWithClients()

/** Every transaction on `doc` whose origin is the provider (i.e. something received was applied). */
function providerTransactions(doc: Y.Doc, provider: unknown): Y.Transaction[] {
  const seen: Y.Transaction[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === provider) seen.push(tr)
  })
  return seen
}

function addItems(doc: Y.Doc, n: number, tag: string): void {
  const items = doc.getMap<Y.Map<unknown>>('items')
  doc.transact(() => {
    for (let i = 0; i < n; i++) items.set(`${tag}-${i}`, new Y.Map<unknown>([['type', 'rect'], ['x', i], ['fill', '#fff']]))
  })
}

describe("a client's own updates echoed back by the server", () => {
  it('are recognised as confirmations and not applied again; others still apply theirs and ours', async () => {
    const a = ctx.client('echo-1')
    const b = ctx.client('echo-1')
    await Promise.all([synced(a.provider), synced(b.provider)])
    const confirmed: Uint8Array[] = []
    const echoes = skipOwnEchoes(a.provider, (u) => confirmed.push(u))
    const appliedOnA = providerTransactions(a.doc, a.provider)

    addItems(a.doc, 500, 'a')
    const restyle = () => a.doc.transact(() => {
      for (const m of a.doc.getMap<Y.Map<unknown>>('items').values()) m.set('fill', '#f00')
    })
    restyle()
    await waitFor(() => confirmed.length === 2, { message: 'both echoes' })
    expect(echoes.skipped()).toBe(2)
    expect(echoes.awaited()).toBe(0)
    // the server relayed them (B has them), but A applied nothing it received
    await waitFor(() => b.doc.getMap('items').size === 500)
    expect(appliedOnA).toHaveLength(0)

    // B's edit still reaches A through the stock path
    addItems(b.doc, 3, 'b')
    await waitFor(() => a.doc.getMap('items').size === 503)
    expect(appliedOnA).toHaveLength(1)
    expect(echoes.skipped()).toBe(2)
    echoes.destroy()
  })

  it('without it, the stock provider applies its own echo as a transaction (what is saved)', async () => {
    const a = ctx.client('echo-2')
    await synced(a.provider)
    const appliedOnA = providerTransactions(a.doc, a.provider)
    addItems(a.doc, 50, 'a')
    await waitFor(() => appliedOnA.length === 1, { message: 'the echo applied' })
  })

  it('forgets what it awaited when the connection drops, and recognises echoes again after reconnecting', async () => {
    const a = ctx.client('echo-3')
    await synced(a.provider)
    const echoes = skipOwnEchoes(a.provider)
    a.provider.disconnect()
    await waitFor(() => !a.provider.wsconnected, { message: 'the socket closed' })
    addItems(a.doc, 10, 'offline') // not sent: no echo will come for it
    expect(echoes.awaited()).toBe(0)
    a.provider.connect()
    await synced(a.provider)
    const appliedOnA = providerTransactions(a.doc, a.provider)
    addItems(a.doc, 10, 'online')
    // two echoes: the answer to the server's SyncStep1 (the offline items), then the online edit
    await waitFor(() => echoes.skipped() === 2, { message: 'both echoes after reconnecting' })
    expect(echoes.awaited()).toBe(0)
    expect(appliedOnA).toHaveLength(0)
    // a fresh client gets both the offline and the online items from the server
    const c = ctx.client('echo-3')
    await synced(c.provider)
    await waitFor(() => c.doc.getMap('items').size === 20)
    echoes.destroy()
  })
})
