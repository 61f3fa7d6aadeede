// The host: its own pages and login (a name in a cookie), with Tessera mounted under /tessera on
// the same HTTP server. Tessera asks the host's login who may open a board (`authenticate`) and
// tells the host when a board changed (`onRoomChange`).
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { createTesseraServer } from 'tessera/server'

const here = import.meta.dirname
const port = Number(process.env.PORT ?? 3000)
const page = readFileSync(path.join(here, 'public', 'index.html'))

/** The host's session: `user=<name>` set by POST /login. */
function userOf(req) {
  const m = /(?:^|;\s*)user=([^;]+)/.exec(req.headers.cookie ?? '')
  return m ? decodeURIComponent(m[1]) : null
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://host')
  if (req.method === 'POST' && url.pathname === '/login') {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const name = String(new URLSearchParams(body).get('name') ?? '').trim().slice(0, 40)
      if (!name) return void res.writeHead(400).end('name needed')
      res.writeHead(204, { 'Set-Cookie': `user=${encodeURIComponent(name)}; Path=/; HttpOnly; SameSite=Lax` }).end()
    })
    return
  }
  if (url.pathname === '/me') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ user: userOf(req) }))
  if (url.pathname === '/app.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(path.join(here, 'public', 'app.js')))
  if (url.pathname === '/' || url.pathname.startsWith('/board/')) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(page)
  res.writeHead(404).end('not found')
})

const tessera = createTesseraServer({
  data: process.env.DATA ?? path.join(here, 'data'),
  quiet: true,
  // Signed-in users edit, everyone else is refused; `user` names them in onRoomChange.
  authenticate: (req) => {
    const user = userOf(req)
    return user ? { role: 'editor', user } : null
  },
  onRoomChange: (room, { by }) => {
    const who = by.map((a) => (a.kind === 'user' ? a.user : 'server')).join(', ')
    console.log(`board ${room} changed by ${who}`)
  },
})
tessera.attach(server, { path: '/tessera' })

server.listen(port, '127.0.0.1', () => console.log(`host listening on http://127.0.0.1:${server.address().port}`))
const stop = () => tessera.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
