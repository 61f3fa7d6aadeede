import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'
import { newPeer, ProviderPeer } from './peers'

function frame(...varUints: number[]): Uint8Array {
  const e = encoding.createEncoder()
  for (const n of varUints) encoding.writeVarUint(e, n)
  return encoding.toUint8Array(e)
}

/** An app's own message type with a payload, as apps send them through `provider.ws`. */
const CUSTOM_MESSAGE = (() => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 100)
  encoding.writeVarString(e, JSON.stringify({ kind: 'chat', text: 'hi' }))
  return encoding.toUint8Array(e)
})()

/**
 * Input the reference server ignores is ignored here too: the connection stays open and keeps
 * syncing both ways (y-websocket >= 3.1 would stop for good on a 4400). Sent by a stock provider
 * through `provider.ws`, as apps do for custom messages.
 */
describe('interop: frames the server does not know are ignored, never a reason to close', () => {
  let server: RunningServer
  const peers: ProviderPeer[] = []
  const pair = async (room: string) => {
    const a = newPeer('yws3', server.wsUrl, room) as ProviderPeer
    const b = newPeer('yws31rc', server.wsUrl, room) as ProviderPeer
    peers.push(a, b)
    await waitFor(() => a.synced && b.synced, { message: 'both clients to sync' })
    return [a, b] as const
  }

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })
  afterAll(async () => {
    for (const p of peers) p.destroy()
    await server.dispose()
  })

  it.each([
    ['an unknown message type', Uint8Array.of(9)],
    ["an app's custom message type with a payload", CUSTOM_MESSAGE],
    ['a text frame', 'hello server'],
    ['an empty frame', new Uint8Array(0)],
    ['an unknown sync message type', frame(0, 7, 0)],
    ['an auth message from a client', frame(2, 0, 0)],
  ] as Array<[string, Uint8Array | string]>)('%s: the sender stays connected and still syncs both ways', async (label, payload) => {
    const room = `lenient-${label.replace(/\W+/g, '-')}`
    const [a, b] = await pair(room)
    a.provider.ws!.send(payload)
    a.set('after', 'from a')
    await waitFor(() => b.get('after') === 'from a', { message: 'an edit sent after the frame to arrive' })
    b.set('back', 'from b')
    await waitFor(() => a.get('back') === 'from b', { message: 'the sender to still receive edits' })
    expect(a.statusChanges).toEqual([])
    expect(a.closeCodes).toEqual([])
    expect(a.sockets).toBe(1)
  })

  it('many unknown frames in one write from a raw socket: still open, and it still gets the room state', async () => {
    const [a] = await pair('lenient-raw')
    a.set('seed', 'stored')
    const { socket } = await upgradeRaw(server.port, 'lenient-raw')
    const got: Buffer[] = []
    socket.on('data', (d: Buffer) => got.push(d))
    socket.resume()
    socket.write(Buffer.concat([clientFrame(Uint8Array.of(9)), clientFrame(new Uint8Array(0)), clientFrame(CUSTOM_MESSAGE), clientFrame(frame(0, 0, 1, 0))]))
    // the answer to the sync step 1 (an empty state vector) carries the stored 'seed'
    await waitFor(() => Buffer.concat(got).includes(Buffer.from('stored')), { message: 'the sync step 2 to arrive after the unknown frames' })
    expect(socket.destroyed).toBe(false)
    socket.destroy()
  })

  it('counts what it ignored in /metrics and closed nobody', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const ignored = (reason: string) => Number(new RegExp(`^tessera_ignored_messages_total\\{reason="${reason}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0)
    expect(ignored('unknown message type')).toBeGreaterThanOrEqual(4)
    expect(ignored('text frame')).toBe(1)
    expect(ignored('empty frame')).toBe(2)
    expect(ignored('unknown sync message type')).toBe(1)
    expect(ignored('auth message from client')).toBe(1)
    expect(text).not.toMatch(/^tessera_rejected_total\{/m)
  })
})
