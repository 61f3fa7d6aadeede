/**
 * A plain TCP reverse proxy for tests, like nginx in front of several instances: each new
 * connection goes to the next backend (round robin) that accepts it; no stickiness. When a
 * backend dies its piped connections close, and the clients' reconnects land on the others.
 */
import net from 'node:net'

export interface Balancer {
  url: string
  wsUrl: string
  port: number
  /** replaces the backend ports (e.g. after restarting instances) */
  setBackends(ports: number[]): void
  close(): Promise<void>
}

export async function startBalancer(ports: number[]): Promise<Balancer> {
  let backends = [...ports]
  let next = 0
  const open = new Set<net.Socket>()
  const server = net.createServer((client) => {
    open.add(client)
    client.once('close', () => open.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const tryBackend = (attempt: number) => {
      if (client.destroyed) return
      if (attempt >= backends.length) return void client.destroy()
      const port = backends[next++ % backends.length]!
      const upstream = net.connect(port, '127.0.0.1')
      upstream.once('connect', () => {
        open.add(upstream)
        upstream.once('close', () => open.delete(upstream))
        upstream.on('error', () => client.destroy())
        client.pipe(upstream)
        upstream.pipe(client)
        client.once('close', () => upstream.destroy())
        upstream.once('close', () => client.destroy())
        client.resume()
      })
      upstream.once('error', () => tryBackend(attempt + 1))
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    setBackends(p) {
      backends = [...p]
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy()
        server.close(() => resolve())
      }),
  }
}
