// The fan-out floor: a WebSocket server that forwards every message to the other sockets of the
// same URL path, and does nothing else (no Yjs, no storage, no validation). Started by
// bench/fanout.ts on 127.0.0.1 (env PORT) to show how much of a fan-out latency is the machine's.
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT), perMessageDeflate: false })
const rooms = new Map()
wss.on('connection', (ws, req) => {
  const room = rooms.get(req.url) ?? new Set()
  rooms.set(req.url, room)
  room.add(ws)
  ws.on('message', (data, isBinary) => {
    for (const other of room) if (other !== ws) other.send(data, { binary: isBinary })
  })
  ws.on('close', () => {
    room.delete(ws)
    if (room.size === 0) rooms.delete(req.url)
  })
})
process.on('SIGTERM', () => wss.close(() => process.exit(0)))
