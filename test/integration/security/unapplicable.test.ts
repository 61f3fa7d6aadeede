import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TRIAL_MAX_BYTES } from '../../../server/limits/trialApply'
import { synced } from '../../helpers/clients'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { waitFor } from '../../helpers/waitFor'
import { UNAPPLICABLE_DS, updateFrame } from '../../helpers/poisonUpdates'

// Issue 16, row 9: an editor repeating an update that decodes but that Yjs cannot apply made the
// room reload 92 times in 10 s, its bystanders closed with 1012 each time. Now such an update is
// refused at the door (4400 for its sender only); the room is never reloaded.



/** One raw editor connection: sends the update, resolves with the close code. */
function sendOnce(wsUrl: string, room: string, frame: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${room}`)
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error('the offender was not closed'))
    }, 10_000)
    ws.on('open', () => ws.send(frame))
    ws.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    ws.on('error', () => {})
  })
}

describe('security: an editor repeating an update that cannot be applied', () => {
  const env = useServerWithClients({ args: ['--open'] })

  it('closes only the offender (4400) each time; the bystanders stay connected and the room is never reloaded', async () => {
    const bystander = env.client('row9')
    const peer = env.client('row9')
    const bystanderCloses: number[] = []
    bystander.provider.on('connection-close', (e: CloseEvent | null) => bystanderCloses.push(e?.code ?? 0))
    await Promise.all([synced(bystander.provider), synced(peer.provider)])
    bystander.doc.getMap('items').set('before', 1)
    await waitFor(() => peer.doc.getMap('items').get('before') === 1)

    const codes: number[] = []
    for (let i = 0; i < 25; i++) codes.push(await sendOnce(env.server.wsUrl, 'row9', updateFrame(UNAPPLICABLE_DS)))
    expect(codes.every((c) => c === 4400)).toBe(true)

    // the room was never reloaded: the same connections carry on editing
    peer.doc.getMap('items').set('after', 2)
    await waitFor(() => bystander.doc.getMap('items').get('after') === 2, { message: 'an edit after the attempts to reach the bystander' })
    expect(bystanderCloses).toEqual([])
    expect(bystander.provider.wsconnected).toBe(true)
    expect(peer.provider.wsconnected).toBe(true)
    expect(env.server.output()).not.toContain('reloading the room')
    const metrics = await (await fetch(`${env.server.url}/metrics`)).text()
    expect(metrics).toMatch(/tessera_rejected_total\{reason="update could not be applied"\} 25/)
  })

  it('one too large for the door\'s trial reloads the room once; sent again it is refused at the door', async () => {
    const d = new Y.Doc()
    d.getMap('padding').set('p', 'x'.repeat(TRIAL_MAX_BYTES))
    const big = Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
    const bystander = env.client('row9-big')
    const bystanderCloses: number[] = []
    bystander.provider.on('connection-close', (e: CloseEvent | null) => bystanderCloses.push(e?.code ?? 0))
    await synced(bystander.provider)
    expect(await sendOnce(env.server.wsUrl, 'row9-big', updateFrame(big))).toBe(4400)
    await waitFor(() => bystanderCloses.includes(1012), { message: 'the one reload' })
    await waitFor(() => bystander.provider.wsconnected && bystander.provider.synced, { message: 'the bystander to be back' })
    for (let i = 0; i < 3; i++) expect(await sendOnce(env.server.wsUrl, 'row9-big', updateFrame(big))).toBe(4400)
    bystander.doc.getMap('items').set('still', 'here')
    const check = env.client('row9-big')
    await waitFor(() => check.doc.getMap('items').get('still') === 'here', { message: 'the bystander\'s edit after the repeats' })
    expect(bystanderCloses).toEqual([1012])
    expect(env.server.output().split('reloading the room from storage without it').length - 1).toBe(1)
  })
})

describe('security: an editor varying the bytes of a big update that cannot be applied', () => {
  const env = useServerWithClients({ args: ['--open'] })

  it('reloads the room once for the first variant; later variants from that address are tried at the door and refused', async () => {
    /** a different update each time: over the trial's size, applicable padding merged with the broken delete set */
    const variant = (i: number) => {
      const d = new Y.Doc()
      d.getMap('padding').set('p', `${i}:`.padEnd(TRIAL_MAX_BYTES + 16, String.fromCharCode(97 + i)))
      return Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
    }
    const bystander = env.client('row9-variants')
    const bystanderCloses: number[] = []
    bystander.provider.on('connection-close', (e: CloseEvent | null) => bystanderCloses.push(e?.code ?? 0))
    await synced(bystander.provider)
    expect(await sendOnce(env.server.wsUrl, 'row9-variants', updateFrame(variant(0)))).toBe(4400)
    await waitFor(() => bystanderCloses.includes(1012), { message: 'the one reload' })
    await waitFor(() => bystander.provider.wsconnected && bystander.provider.synced, { message: 'the bystander to be back' })
    for (let i = 1; i <= 3; i++) expect(await sendOnce(env.server.wsUrl, 'row9-variants', updateFrame(variant(i)))).toBe(4400)
    bystander.doc.getMap('items').set('still', 'here')
    const check = env.client('row9-variants')
    await waitFor(() => check.doc.getMap('items').get('still') === 'here', { message: 'the bystander\'s edit after the variants' })
    expect(bystanderCloses).toEqual([1012])
    expect(env.server.output().split('reloading the room from storage without it').length - 1).toBe(1)
    const metrics = await (await fetch(`${env.server.url}/metrics`)).text()
    expect(metrics).toMatch(/tessera_rejected_total\{reason="update could not be applied"\} 4/)
  })
})
