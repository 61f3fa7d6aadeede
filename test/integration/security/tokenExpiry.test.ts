import { describe, expect, it } from 'vitest'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom, mint, SECRET_ARGS } from '../sharing/helpers'

describe('security: a token that expires while its socket is open', () => {
  const env = useServerWithClients({ args: SECRET_ARGS })

  it('closes the socket with 4401 within about a second of the expiry; nothing it sends later is stored', async () => {
    const { room, ownerToken } = await createRoom(env.server, 'Expiring')
    const short = env.client(room, { token: mint(room, 'editor', { ttlSeconds: 3 }) })
    const lasting = env.client(room, { token: ownerToken })
    const codes: number[] = []
    short.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0))
    await Promise.all([synced(short.provider), synced(lasting.provider)])
    short.doc.getMap('items').set('before', 1)
    await waitFor(() => lasting.doc.getMap('items').get('before') === 1)
    await waitFor(() => codes.includes(4401), { timeout: 6_000, message: 'the expired socket to be closed with 4401' })
    short.provider.disconnect()
    short.doc.getMap('items').set('after', 1)
    expect(lasting.provider.wsconnected).toBe(true)
    // REST agrees: the token is refused
    expect((await api(env.server, 'GET', `/api/rooms/${room}`, { token: mint(room, 'editor', { ttlSeconds: 0 }) })).status).toBe(401)
    expect(lasting.doc.getMap('items').has('after')).toBe(false)
    expect(env.server.output()).toContain('access token of an open connection expired')
  })
})
