import { afterEach } from 'vitest'
import type * as Y from 'yjs'
import { newClient, type Client } from './clients'
import { startServer, type RunningServer } from './server'
import { tmpDir } from './tmpDir'

export interface ServersOnDirs {
  /** a new empty data dir, removed after the test */
  freshDir(): string
  /** a real server (default `--open`) on `dataDir`, kept there when it stops, disposed after the test */
  start(dataDir: string, opts?: { port?: number; env?: Record<string, string>; args?: string[] }): Promise<RunningServer>
  /** a stock WebsocketProvider client of `room` on `server` (on `doc` when given), destroyed after the test */
  client(server: RunningServer, room: string, doc?: Y.Doc): Client
  /** destroys the clients made so far (before a server stops, say) */
  closeClients(): void
}

/**
 * Servers started and stopped on data dirs of their own within one test (restarts, kill -9, two
 * processes on one dir): clients, servers and dirs are all torn down after each test.
 */
export function useServersOnDirs(prefix: string): ServersOnDirs {
  const servers: RunningServer[] = []
  const clients: Client[] = []
  const dirs: Array<{ remove: () => void }> = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.dispose()
    for (const d of dirs.splice(0)) d.remove()
  })
  return {
    freshDir() {
      const d = tmpDir(prefix)
      dirs.push(d)
      return d.dir
    },
    async start(dataDir, opts = {}) {
      const s = await startServer({ args: opts.args ?? ['--open'], dataDir, port: opts.port, env: opts.env, keepData: true })
      servers.push(s)
      return s
    },
    closeClients() {
      for (const c of clients.splice(0)) c.destroy()
    },
    client(server, room, doc) {
      const c = newClient(server.wsUrl, room, { doc })
      clients.push(c)
      return c
    },
  }
}
