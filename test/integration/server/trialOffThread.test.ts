import { existsSync, readdirSync, readFileSync } from 'node:fs'
import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { OFF_THREAD_TRIAL_BYTES } from '../../../server/limits/trialWorker'
import { synced } from '../../helpers/clients'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { waitFor } from '../../helpers/waitFor'
import { UNAPPLICABLE_DS, updateFrame } from '../../helpers/poisonUpdates'

// The door's trial apply of a big update (server/limits/trialApply.ts) runs on a worker thread:
// while it runs, other rooms relay; the big update's own room keeps its order (what it receives
// after the big update waits for the verdict); a refused big update is refused as before.


const KEYS = 60_000


async function metrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text()
}

function read(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\d+)`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

async function metric(url: string, name: string): Promise<number> {
  return read(await metrics(url), name)
}

/** The nice value of each thread of a process (Linux /proc; empty elsewhere), main thread first. */
function threadNice(pid: number): number[] {
  const dir = `/proc/${pid}/task`
  if (!existsSync(dir)) return []
  const tids = readdirSync(dir).map(Number).sort((a, b) => (a === pid ? -1 : b === pid ? 1 : a - b))
  return tids.map((tid) => {
    const stat = readFileSync(`${dir}/${tid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
  })
}

describe('big updates are tried off the main thread', () => {
  const env = useServerWithClients({ args: ['--open'] })

  it('while big updates are tried, another room relays; the big room keeps its order and stores them', async () => {
    const writer = env.client('trial-big')
    const writer2 = env.client('trial-big')
    const other = env.client('trial-big')
    const watcher = env.client('trial-big')
    const quietA = env.client('trial-quiet')
    const quietB = env.client('trial-quiet')
    await Promise.all([writer, writer2, other, watcher, quietA, quietB].map((c) => synced(c.provider)))

    const arrivals: string[] = []
    let itemsWhenOtherArrived = -1
    let triedWhenQuietArrived: Promise<number> | null = null
    const items = watcher.doc.getMap('items')
    items.observe((e) => {
      if (e.keysChanged.has(`a${KEYS - 1}`) || e.keysChanged.has(`b${KEYS - 1}`)) arrivals.push('big')
      if (e.keysChanged.has('after')) itemsWhenOtherArrived = items.size
    })
    quietB.doc.getMap('items').observe((e) => {
      if (!e.keysChanged.has('quiet')) return
      arrivals.push('quiet')
      triedWhenQuietArrived = metric(env.server.url, 'tessera_trials_in_flight')
    })

    const before = await metric(env.server.url, 'tessera_trials_off_thread_total')
    // two updates of 60,000 keys each (~1 MB): their trials take a while, one after the other on the worker
    for (const [w, prefix] of [[writer, 'a'], [writer2, 'b']] as const) {
      w.doc.transact(() => {
        for (let i = 0; i < KEYS; i++) w.doc.getMap('items').set(`${prefix}${i}`, i)
      })
    }
    // the server answers /metrics while the trials run (its main thread is free)
    await waitFor(async () => {
      const text = await metrics(env.server.url)
      return read(text, 'tessera_trials_off_thread_total') === before + 2 && read(text, 'tessera_trials_in_flight') >= 1
    }, { timeout: 30_000, message: 'both trials to be started, one still under way on the worker' })
    quietA.doc.getMap('items').set('quiet', 1)
    other.doc.getMap('items').set('after', 1)

    await waitFor(() => arrivals.length === 3 && itemsWhenOtherArrived >= 0, { timeout: 45_000, message: 'all relays and the later edit of the big room' })
    // the quiet room was relayed while a trial was still running, before the big room's relays
    expect(arrivals).toEqual(['quiet', 'big', 'big'])
    expect(await triedWhenQuietArrived).toBeGreaterThanOrEqual(1)
    expect(await metric(env.server.url, 'tessera_trials_off_thread_total')).toBe(before + 2)
    // the big room's later edit was relayed after both big updates, not before them
    expect(itemsWhenOtherArrived).toBe(2 * KEYS + 1)
    // stored: a late joiner gets them
    const late = env.client('trial-big')
    await synced(late.provider, 30_000)
    expect(late.doc.getMap('items').size).toBe(2 * KEYS + 1)
    // the worker runs below the event loop's priority (Linux): the loop relaying other rooms goes first
    const nice = threadNice(env.server.proc.pid!)
    if (nice.length > 0) {
      expect(nice[0]).toBe(0)
      expect(nice.slice(1)).toContain(10)
    }
  }, 150_000)

  it('a big update that cannot be applied is refused (4400) after its trial, nothing of it or of what its sender sent after it is kept', async () => {
    const d = new Y.Doc()
    d.getMap('padding').set('p', 'x'.repeat(2 * OFF_THREAD_TRIAL_BYTES))
    const big = Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
    expect(big.length).toBeGreaterThan(OFF_THREAD_TRIAL_BYTES)
    const follow = new Y.Doc()
    follow.getMap('items').set('follow', 1)

    const bystander = env.client('trial-refused')
    const closes: number[] = []
    bystander.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0))
    await synced(bystander.provider)
    const before = await metric(env.server.url, 'tessera_trials_off_thread_total')
    const code = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${env.server.wsUrl}/trial-refused`)
      const timer = setTimeout(() => (ws.terminate(), reject(new Error('the sender was not closed'))), 20_000)
      ws.on('open', () => {
        ws.send(updateFrame(big))
        ws.send(updateFrame(Y.encodeStateAsUpdate(follow)))
      })
      ws.on('close', (c) => (clearTimeout(timer), resolve(c)))
      ws.on('error', () => {})
    })
    expect(code).toBe(4400)
    expect(await metric(env.server.url, 'tessera_trials_off_thread_total')).toBe(before + 1)
    // the bystander stays; the room was not reloaded; nothing was stored or relayed
    bystander.doc.getMap('items').set('still', 'here')
    const check = env.client('trial-refused')
    await waitFor(() => check.doc.getMap('items').get('still') === 'here', { message: "the bystander's edit" })
    expect(check.doc.getMap('padding').has('p')).toBe(false)
    expect(check.doc.getMap('items').has('follow')).toBe(false)
    expect(bystander.doc.getMap('items').has('follow')).toBe(false)
    expect(closes).toEqual([])
    expect(env.server.output()).not.toContain('reloading the room')
  })

  it('a big update that does not decode is refused (4400 corrupt update) once the worker decoded it, and the door never decoded it', async () => {
    const d = new Y.Doc()
    d.getMap('padding').set('p', 'x'.repeat(2 * OFF_THREAD_TRIAL_BYTES))
    const whole = Y.encodeStateAsUpdate(d)
    const cut = whole.subarray(0, whole.length - OFF_THREAD_TRIAL_BYTES / 2)
    expect(cut.length).toBeGreaterThan(OFF_THREAD_TRIAL_BYTES)

    const bystander = env.client('summary-refused')
    const closes: number[] = []
    bystander.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0))
    await synced(bystander.provider)
    const before = await metric(env.server.url, 'tessera_trials_off_thread_total')
    const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const ws = new WebSocket(`${env.server.wsUrl}/summary-refused`)
      const timer = setTimeout(() => (ws.terminate(), reject(new Error('the sender was not closed'))), 20_000)
      ws.on('open', () => ws.send(updateFrame(cut)))
      ws.on('close', (code, reason) => (clearTimeout(timer), resolve({ code, reason: reason.toString() })))
      ws.on('error', () => {})
    })
    expect(closed.code).toBe(4400)
    expect(closed.reason).toContain('corrupt update')
    // it went to the worker (the door refused corrupt updates itself before)
    expect(await metric(env.server.url, 'tessera_trials_off_thread_total')).toBe(before + 1)
    bystander.doc.getMap('items').set('still', 'here')
    const check = env.client('summary-refused')
    await waitFor(() => check.doc.getMap('items').get('still') === 'here', { message: "the bystander's edit" })
    expect(check.doc.getMap('padding').has('p')).toBe(false)
    expect(closes).toEqual([])
  })
})
