import { afterAll, beforeAll } from 'vitest'
import { newClient, type Client } from './clients'
import { startServer, type RunningServer, type StartOptions } from './server'

export interface ServerWithClients {
  /** the file's server (set in beforeAll) */
  readonly server: RunningServer
  /** a stock WebsocketProvider client of `room` (with `token` as its `?token=` parameter), destroyed after the file */
  client(room: string, opts?: { token?: string }): Client
}

/** One real server (default `--open`) for a test file and the stock clients its tests open, all torn down after it. */
export function useServerWithClients(opts: StartOptions = { args: ['--open'] }): ServerWithClients {
  let server: RunningServer | undefined
  const clients: Client[] = []
  beforeAll(async () => {
    server = await startServer(opts)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.dispose()
  })
  return {
    get server() {
      if (!server) throw new Error('the server is not started yet (use it inside a test)')
      return server
    },
    client(room, opts = {}) {
      const c = newClient(this.server.wsUrl, room, opts.token === undefined ? {} : { params: { token: opts.token } })
      clients.push(c)
      return c
    },
  }
}
