import { readFileSync } from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { importScene, parseScene, type SceneJSON } from '../../src/doc/sceneJson'
import { loadAuthSecret } from '../auth/secret'
import { signToken } from '../auth/tokens'
import { DataDirLockedError, lockDataDir } from '../storage/dataDirLock'
import { SqliteStorage } from '../storage/sqlite'
import { CommandError, DATA_FLAG, HELP_FLAG, runCommand } from './args'

const USAGE = `Usage: tessera import ROOM FILE [--data DIR] [--server URL]

Merges a tessera-scene JSON file (from \`tessera export\` or the editor's "Save as JSON") into an
existing room: its pages are added, its items get new ids and land on top. With no server on
DIR the data is written directly. While a server runs on DIR, pass --server http://HOST:PORT:
the import then goes through that server as one edit its users see at once (an owner token is
signed with DIR's auth secret, or --auth-secret). Exit 1: unknown room, bad file, server unreachable.`

const SPECS = [
  DATA_FLAG,
  { name: 'server', kind: 'string' as const, arg: 'URL', help: 'import through the server running on DIR (http://HOST:PORT)' },
  { name: 'auth-secret', kind: 'string' as const, env: 'TESSERA_AUTH_SECRET', arg: 'S', help: "the server's --auth-secret, if it was given one" },
  HELP_FLAG,
]

/** `tessera import ROOM FILE`: merge a board file into a room. */
export function importCommand(argv: string[]): Promise<void> {
  return runCommand('import', USAGE, SPECS, argv, 2, async ([room, file], flags) => {
    const scene = readScene(file!)
    const dataDir = path.resolve(String(flags.data))
    let lock
    try {
      lock = lockDataDir(dataDir)
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) throw err
      if (!flags.server) throw new CommandError(`a server is running on ${dataDir}: pass --server http://HOST:PORT to import through it`)
      const items = await importThroughServer(String(flags.server), room!, scene, dataDir, flags['auth-secret'] as string | undefined)
      process.stdout.write(`imported ${items} items into ${room} through ${String(flags.server)}\n`)
      return
    }
    try {
      const items = await importDirectly(dataDir, room!, scene)
      process.stdout.write(`imported ${items} items into ${room}\n`)
    } finally {
      lock.release()
    }
  })
}

function readScene(file: string): SceneJSON {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new CommandError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const parsed = parseScene(text)
  if (!parsed.ok) throw new CommandError(`${file} is not a tessera-scene file: ${parsed.message}`)
  return parsed.value
}

async function importDirectly(dataDir: string, room: string, scene: SceneJSON): Promise<number> {
  const storage = new SqliteStorage(dataDir, { checkpointWorker: false })
  try {
    const known = storage.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM rooms WHERE id = ?').get(room)
    const stored = await storage.load(room)
    if (!stored && !known) throw new CommandError(`no room named ${room}`)
    const doc = new Y.Doc()
    if (stored) Y.applyUpdate(doc, stored)
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => void updates.push(u))
    const r = importScene(doc, scene, 'merge')
    if (!r.ok) throw new CommandError(r.message)
    for (const u of updates) await storage.append(room, u)
    doc.destroy()
    return r.value.items
  } finally {
    await storage.close()
  }
}

async function importThroughServer(server: string, room: string, scene: SceneJSON, dataDir: string, authSecret: string | undefined): Promise<number> {
  let url: URL
  try {
    url = new URL(server)
  } catch {
    throw new CommandError(`--server: not a URL: ${server}`, 2)
  }
  const wsUrl = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`
  const token = signToken(loadAuthSecret({ option: authSecret ?? null, dataDir }).secret, { room, role: 'owner', ttlSeconds: 600 })
  // the client side of y-websocket is loaded by this command only, not by every server start
  const { WebsocketProvider } = await import('y-websocket')
  const connect = () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(wsUrl, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token },
    })
    return { doc, provider, done: () => (provider.destroy(), doc.destroy()) }
  }
  const writer = connect()
  try {
    await synced(writer.provider, `could not sync room ${room} with ${server} (unknown room, or a wrong --auth-secret?)`)
    if (writer.doc.getMap('items').size === 0 && writer.doc.getMap('pages').size === 0 && writer.doc.getMap('meta').size === 0) {
      throw new CommandError(`no room named ${room} on ${server}`)
    }
    const r = importScene(writer.doc, scene, 'merge')
    if (!r.ok) throw new CommandError(r.message)
    const want = writer.doc.getMap('items').size
    // Confirmed once a fresh connection sees every item: the server stored the import.
    const deadline = Date.now() + 15_000
    for (;;) {
      const reader = connect()
      try {
        await synced(reader.provider, 'the server did not confirm the import')
        if (reader.doc.getMap('items').size >= want) return r.value.items
      } finally {
        reader.done()
      }
      if (Date.now() > deadline) throw new CommandError('the server did not confirm the import within 15 s')
      await new Promise((res) => setTimeout(res, 200))
    }
  } finally {
    writer.done()
  }
}

function synced(provider: WebsocketProvider, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new CommandError(message)), 10_000)
    provider.on('sync', (ok: boolean) => {
      if (!ok) return
      clearTimeout(timer)
      resolve()
    })
  })
}
