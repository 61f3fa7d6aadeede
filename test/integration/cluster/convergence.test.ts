import { afterEach, describe, expect, it } from 'vitest'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { createRoom } from '../sharing/helpers'
import { startInstances, useClusterServers, type Instances } from './helpers'

const env = useClusterServers()

describe('a cluster of three instances', () => {
  const clients: Client[] = []
  let cluster: Instances | null = null
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await cluster?.dispose()
    cluster = null
  })

  it('concurrent edits on clients spread over the instances converge, with tokens issued by one instance', async () => {
    cluster = await startInstances(env(), 3)
    const created = await createRoom(cluster.servers[0]!)
    for (const s of cluster.servers) clients.push(newClient(s.wsUrl, created.room, { params: { token: created.editorToken } }))
    await Promise.all(clients.map((c) => synced(c.provider)))
    clients.forEach((c, i) => {
      for (let k = 0; k < 50; k++) c.doc.getMap('items').set(`c${i}-${k}`, k)
    })
    await waitFor(() => clients.every((c) => c.doc.getMap('items').size === 150), { timeout: 10_000, message: '150 items everywhere' })
    const json = clients[0]!.doc.getMap('items').toJSON()
    for (const c of clients) expect(c.doc.getMap('items').toJSON()).toEqual(json)
  })
})
