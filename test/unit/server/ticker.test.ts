import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { Connection } from '../../../server/ws/connection'
import { createMetrics } from '../../../server/metrics'
import { createLogger } from '../../../server/log'
import { FakeSocket } from '../../helpers/fakeRoom'

const PING_MS = 10_000
const metrics = createMetrics()
const log = createLogger({ silent: true })

/** every connection a test opened: closed after it, so the process-wide tickers stop with its fake clock */
const opened: Connection[] = []

function connect(): { ws: FakeSocket; conn: Connection; pings: () => number } {
  const ws = new FakeSocket()
  let pings = 0
  ws.ping = () => void pings++
  const conn = new Connection(ws as unknown as WebSocket, { room: 'r', role: 'editor', maxBufferedBytes: 1 << 20, pingIntervalMs: PING_MS, metrics, log })
  opened.push(conn)
  return { ws, conn, pings: () => pings }
}

describe("connections' periodic checks", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'Date'] }))
  afterEach(() => {
    for (const conn of opened.splice(0)) conn.terminate()
    vi.useRealTimers()
  })

  it('share one timer per period however many connections there are, and none once they are closed', () => {
    const many = Array.from({ length: 50 }, connect)
    // one for the keep-alive pings, one for the heartbeat checks (was two per connection)
    expect(vi.getTimerCount()).toBe(2)
    for (const { conn } of many) conn.close({ code: 1000, reason: 'bye' })
    // only the close handshakes' deadlines are left
    expect(vi.getTimerCount()).toBe(many.length)
    vi.advanceTimersByTime(2_000)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('still ping every connection each period, drop one that answers nothing after two unanswered pings, and keep one that answers', () => {
    const silent = connect()
    const answering = connect()
    vi.advanceTimersByTime(PING_MS)
    expect([silent.pings(), answering.pings()]).toEqual([1, 1])
    answering.ws.emit('pong')
    vi.advanceTimersByTime(PING_MS)
    expect([silent.pings(), answering.pings()]).toEqual([2, 2])
    answering.ws.emit('pong')
    // the third period finds two pings unanswered: dropped right after it (setImmediate)
    vi.advanceTimersByTime(PING_MS + 1)
    expect(silent.conn.closed).toBe(true)
    expect(silent.ws.readyState).toBe(3)
    expect(answering.conn.closed).toBe(false)
    expect(answering.pings()).toBe(3)
  })

  it('still send a heartbeat to a connection the server has sent nothing for 10 s', () => {
    const { ws } = connect()
    vi.advanceTimersByTime(9_000)
    expect(ws.sent).toEqual([])
    vi.advanceTimersByTime(6_000)
    expect(ws.sent.map((f) => Buffer.from(f).toString('hex'))).toEqual(['010100'])
  })
})
