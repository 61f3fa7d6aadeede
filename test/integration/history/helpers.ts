import * as Y from 'yjs'
import { addItems, ensureDefaultPage, itemsMap } from '../../../src/doc'
import { newClient, synced, type Client } from '../../helpers/clients'
import type { RunningServer } from '../../helpers/server'
import { api } from '../sharing/helpers'
import { waitFor } from '../../helpers/waitFor'

export interface VersionJson {
  id: number
  at: string
  label: string | null
  by: string[]
  items: number
  changes: Record<string, number>
}

/** A stock client that announces `name` in awareness and has the default page. */
export async function joinAs(server: RunningServer, room: string, token: string | null, name: string): Promise<Client> {
  const c = newClient(server.wsUrl, room, { params: token ? { token } : {} })
  c.provider.awareness.setLocalStateField('user', { name, color: '#e11d48' })
  await synced(c.provider)
  ensureDefaultPage(c.doc)
  return c
}

/** Adds rectangles at these x positions (stamped `updatedBy: author` when given); returns their ids. */
export function addRects(doc: Y.Doc, xs: number[], author?: string): string[] {
  const r = addItems(doc, xs.map((x) => ({ type: 'rect' as const, x, y: 0, width: 10, height: 10 })), author ? { author } : {})
  if (!r.ok) throw new Error(r.message)
  return r.value
}

export function xsOf(doc: Y.Doc): number[] {
  return [...itemsMap(doc).values()].map((m) => (m as Y.Map<unknown>).get('x') as number).sort((a, b) => a - b)
}

/** Moves the server's test clock forward (TESSERA_TEST_CLOCK=1) and lets due versions be taken. */
export async function advanceClock(server: RunningServer, ms: number): Promise<void> {
  const r = await api(server, 'POST', '/api/_test/clock', { body: { advanceMs: ms } })
  if (r.status !== 200) throw new Error(`clock: ${r.status} ${JSON.stringify(r.body)}`)
}

export async function listVersions(server: RunningServer, room: string, token: string | null): Promise<VersionJson[]> {
  const r = await api(server, 'GET', `/api/rooms/${room}/versions`, { token })
  if (r.status !== 200) throw new Error(`list: ${r.status} ${JSON.stringify(r.body)}`)
  return (r.body as { versions: VersionJson[] }).versions
}


/** Polls the version list until it holds `count` versions; returns it. */
export async function waitForVersions(server: RunningServer, room: string, token: string | null, count: number): Promise<VersionJson[]> {
  let list: VersionJson[] = []
  await waitFor(async () => (list = await listVersions(server, room, token)).length === count, { message: `${count} versions` })
  return list
}
