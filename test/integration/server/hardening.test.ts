import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { awaitCloseFrame, upgradeRaw } from '../../helpers/rawWebSocket'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'

/** Opens a raw socket to a room, sends `payload`, and resolves with the close code and reason. */
function sendAndAwaitClose(wsUrl: string, room: string, payload: Uint8Array | string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${room}`)
    const timer = setTimeout(() => reject(new Error('server did not close the connection')), 10_000)
    ws.on('open', () => ws.send(payload))
    ws.on('error', () => {})
    ws.on('close', (code, reason) => {
      clearTimeout(timer)
      resolve({ code, reason: reason.toString() })
    })
  })
}

/** The HTTP status a WebSocket upgrade to `path` is answered with. */
function upgradeStatus(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}${path}`)
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      ws.close()
      reject(new Error(`upgrade to ${path} was accepted`))
    })
    ws.on('error', () => {})
  })
}

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const e = encoding.createEncoder()
  for (const p of parts) p(e)
  return encoding.toUint8Array(e)
}

/** Deterministic pseudo-random bytes (xorshift32), the first bytes forced to `prefix`. */
function randomBytes(n: number, seed: number, prefix: number[] = []): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  out.set(prefix)
  return out
}

/** A Yjs update that decodes but throws ("reading 'id'") while it is integrated into the room. */
const UNAPPLICABLE = Uint8Array.from(Buffer.from(
  '010607002701056974656d73016101280007000178017d0104010174011681070202840770026c6f080103617272037d01770374776f76010574687265657d030107010302',
  'hex',
))


/** Every value the server uses to label tessera_rejected_total (a fixed set: no per-message labels). */
const REFUSAL_REASONS = new Set([
  'empty frame', 'truncated frame', 'corrupt state vector', 'corrupt update', 'impossible update', 'unknown sync message type',
  'unknown message type', 'auth message from client', 'text frame', 'corrupt awareness update',
  'update could not be applied', 'message too big', 'too many pending', 'backpressure', 'bad room name', 'protocol error',
  // server/limits: budgets, presence ownership and caps; the error boundary; quarantined rooms
  'too many new client ids', 'too many pending structs', 'too many sync requests', "awareness of another connection's ids",
  'awareness state too large', 'too many awareness ids', 'internal error', 'room quarantined',
])
/** …plus the authorizer's HTTP status and ws's own protocol error codes, both fixed sets */
const isFixedReason = (r: string) => REFUSAL_REASONS.has(r) || /^auth \d{3}$/.test(r) || /^WS_ERR_[A-Z0-9_]+$/.test(r)

describe('sync server: malformed input', () => {
  let server: RunningServer
  let small: RunningServer
  const clients: Client[] = []
  let good: Client
  let goodPeer: Client
  let goodCounter = 0

  const validUpdate = (() => {
    const d = new Y.Doc()
    d.getMap('items').set('valid', 'x'.repeat(40))
    return Y.encodeStateAsUpdate(d)
  })()

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
    small = await startServer({ args: ['--open', '--max-message-bytes', '1024'] })
    // Stored content in the room that will be attacked, to prove it stays intact.
    const seed = newClient(server.wsUrl, 'victim')
    clients.push(seed)
    await synced(seed.provider)
    seed.doc.getMap('items').set('precious', 'data')
    seed.doc.getText('t').insert(0, 'keep me')
    good = newClient(server.wsUrl, 'bystander')
    goodPeer = newClient(server.wsUrl, 'bystander')
    clients.push(good, goodPeer)
    await Promise.all([synced(good.provider), synced(goodPeer.provider)])
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.dispose()
    await small.dispose()
  })

  /** The client in another room still gets its edits through. */
  async function bystanderStillWorks(): Promise<void> {
    const n = ++goodCounter
    good.doc.getMap('items').set('n', n)
    await waitFor(() => goodPeer.doc.getMap('items').get('n') === n, { message: 'bystander room keeps syncing' })
  }

  // Frames of unknown types, text and empty frames are skipped, not refused (see
  // test/integration/interop/leniency.test.ts); these are corrupt messages of known types.
  const cases: Array<[string, Uint8Array | string]> = [
    ['random bytes as a sync update', randomBytes(257, 0x2545f491, [0, 2, 0xfe, 0x01])],
    ['random bytes as a sync step 1', randomBytes(64, 0x6c078965, [0, 0, 0x3e])],
    // found by fuzzing: Yjs decodes it, then throws half-way through applying it to the room
    // (refused before that now: a struct of it names a later struct of its own client as origin)
    ['an update with a struct that refers to its own future', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, UNAPPLICABLE))],
    // found by fuzzing: decodes, passes every check before storing, and throws when applied
    ['an update that decodes but cannot be applied', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, UNAPPLICABLE_DS))],
    ['a truncated sync message', Uint8Array.of(0, 0x81)],
    ['a corrupt update', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, validUpdate.subarray(0, validUpdate.length - 12)))],
    ['a corrupt sync step 2', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, Uint8Array.of(5, 200, 1, 1, 9, 9)))],
    ['a byte array longer than the frame', Uint8Array.of(0, 2, 100, 1, 2, 3)],
    ['a corrupt awareness update', frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, Uint8Array.of(1, 5, 1, 3, 123, 34, 120)))],
  ]

  for (const [name, payload] of cases) {
    it(`closes the connection with code 4400 on ${name}, and other rooms carry on`, async () => {
      const closed = await sendAndAwaitClose(server.wsUrl, 'victim', payload)
      expect(closed.code).toBe(4400)
      expect(closed.reason.length).toBeGreaterThan(0)
      await bystanderStillWorks()
    })
  }

  // WebSocket framing itself broken (ws refuses these with 1002 and reports them to the server)
  it.each([
    ['an unmasked client frame', Buffer.from([0x82, 0x02, 0x00, 0x00])],
    ['a reserved opcode', Buffer.from([0x83, 0x80, 0, 0, 0, 0])],
    ['RSV1 set without an extension', Buffer.from([0xc2, 0x80, 0, 0, 0, 0])],
    ['a fragmented ping', Buffer.from([0x09, 0x80, 0, 0, 0, 0])],
    ['a continuation frame with nothing to continue', Buffer.from([0x80, 0x80, 0, 0, 0, 0])],
  ])('closes the connection with 1002 on %s, logs it, and other rooms carry on', async (_label, bytes) => {
    const { socket, rest } = await upgradeRaw(server.port, 'victim')
    socket.write(bytes)
    const closed = await awaitCloseFrame(socket, rest)
    expect(closed.code).toBe(1002)
    await waitFor(() => server.output().includes('closing connection after protocol error'))
    await bystanderStillWorks()
  })

  it('closes the connection with code 1009 on a frame over --max-message-bytes', async () => {
    const closed = await sendAndAwaitClose(small.wsUrl, 'victim', new Uint8Array(4096))
    expect(closed.code).toBe(1009)
    const c = newClient(small.wsUrl, 'other')
    clients.push(c)
    await synced(c.provider)
  })

  it.each([
    ['an empty name', '/'],
    ['an empty name before a query', '/?token=x'],
    ['513 UTF-8 bytes', `/${'é'.repeat(256)}x`.replace(/é/g, '%C3%A9')],
    ['a NUL byte', '/a%00b'],
    ['a newline', '/a%0Ab'],
    ['DEL', '/a%7Fb'],
    ['broken percent-encoding', '/caf%C3'],
  ])('refuses a room name with %s at the upgrade with HTTP 400', async (_label, path) => {
    expect(await upgradeStatus(server.wsUrl, path)).toBe(400)
  })

  it('a stalled, half-sent upgrade does not block anyone and is cut off', async () => {
    const sock = net.connect(server.port, '127.0.0.1')
    let ended = false
    sock.on('close', () => (ended = true))
    sock.on('error', () => {})
    await new Promise<void>((resolve) => sock.once('connect', () => resolve()))
    sock.write('GET /stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n')
    await bystanderStillWorks()
    const fresh = newClient(server.wsUrl, 'fresh-during-stall')
    clients.push(fresh)
    await synced(fresh.provider)
    await waitFor(() => ended, { message: 'the stalled socket to be closed by the server', timeout: 20_000 })
  })

  it('logs the reason of each refused connection without stopping', async () => {
    expect(server.output()).toContain('closing connection after bad input')
    for (const detail of ['truncated frame', 'corrupt update', 'impossible update', 'update could not be applied', 'corrupt awareness update'])
      expect(server.output()).toContain(detail)
    expect(server.proc.exitCode).toBeNull()
  })

  it('labels refusals in /metrics with a fixed set of reasons, never with message details', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const reasons = [...text.matchAll(/^tessera_rejected_total\{reason="([^"]*)"\} \d+/gm)].map((m) => m[1]!)
    expect(reasons.length).toBeGreaterThanOrEqual(8)
    for (const r of reasons) expect(isFixedReason(r), r).toBe(true)
  })

  it('the unapplicable update was refused at the door: the room was not reloaded, its connected client still edits', async () => {
    expect(server.output()).not.toContain('reloading the room from storage without it')
    const seed = clients[0]!
    await waitFor(() => seed.provider.wsconnected && seed.provider.synced, { message: 'the victim room client to be connected' })
    seed.doc.getMap('items').set('after-reload', 1)
    const fresh = newClient(server.wsUrl, 'victim')
    clients.push(fresh)
    await synced(fresh.provider)
    await waitFor(() => fresh.doc.getMap('items').get('after-reload') === 1, { message: 'an edit after the reload to reach a new client' })
    expect(fresh.doc.getMap('items').has('a')).toBe(false) // the half-applied update is gone
    expect(fresh.doc.getText('t').toString()).toBe('keep me')
  })

  it('keeps the stored document intact, in memory and on disk', async () => {
    const check = newClient(server.wsUrl, 'victim')
    clients.push(check)
    await synced(check.provider)
    expect(check.doc.getMap('items').get('precious')).toBe('data')
    expect(check.doc.getText('t').toString()).toBe('keep me')
    expect(check.doc.getMap('items').has('valid')).toBe(false)
    expect(check.doc.getMap('items').has('a')).toBe(false)

    check.provider.disconnect()
    for (const c of clients) c.provider.disconnect()
    expect(await server.stop('SIGTERM')).toBe(0)
    const again = await startServer({ args: ['--open'], dataDir: server.dataDir })
    try {
      const after = newClient(again.wsUrl, 'victim')
      clients.push(after)
      await synced(after.provider)
      expect(after.doc.getMap('items').get('precious')).toBe('data')
      expect(after.doc.getText('t').toString()).toBe('keep me')
    } finally {
      await again.stop()
    }
  })
})

describe('sync server: refused WebSocket handshakes', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_UNLOAD_GRACE_MS: '100' } })
  })
  afterAll(async () => {
    await server.dispose()
  })

  /** Sends an upgrade request with `headers` and resolves with the HTTP status line. */
  function handshake(room: string, headers: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const sock = net.connect(server.port, '127.0.0.1')
      let text = ''
      sock.on('error', () => {})
      sock.on('connect', () => sock.write(`GET /${room} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n${headers}\r\n`))
      sock.on('data', (d: Buffer) => (text += d.toString('latin1')))
      sock.on('close', () => resolve(text.split('\r\n')[0] ?? ''))
      setTimeout(() => (sock.destroy(), reject(new Error('no answer'))), 10_000)
    })
  }

  it('a handshake ws refuses (bad key, version or Upgrade header) leaves no room loaded', async () => {
    const bad = [
      'Upgrade: websocket\r\nSec-WebSocket-Key: bad\r\nSec-WebSocket-Version: 13\r\n',
      'Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 7\r\n',
    ]
    for (let i = 0; i < 10; i++) expect(await handshake(`refused-${i}`, bad[i % 2]!)).toMatch(/^HTTP\/1\.1 4\d\d/)
    await waitFor(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number }).rooms === 0, {
      message: 'rooms of refused handshakes to be unloaded',
    })
  })
})
