import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../../server/storage/migrations'
import { startServer } from '../../helpers/server'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { synced } from '../../helpers/clients'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom, errorCode, rawConnect, SECRET_ARGS } from '../sharing/helpers'

// Row 4 of issue 16 and CONTRACT §6: "anyone with the link" needs the link's secret, the short
// code alone opens a link-shared board only when its owner says so, and revoking the link closes
// the connections that came in with it while the board and its owner stay.

interface Created {
  room: string
  ownerToken: string
  linkSecret: string
  codeAccess: boolean
}

const BIN = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'tessera.js')
const tessera = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8' })
const q = (token: string) => `?token=${encodeURIComponent(token)}`

describe('security: link secrets and revocation', () => {
  const env = useServerWithClients({ args: SECRET_ARGS })

  async function linkShared(access: 'view' | 'edit'): Promise<Created> {
    const created = (await createRoom(env.server, 'Linked')) as unknown as Created
    const r = await api(env.server, 'PATCH', `/api/rooms/${created.room}`, { token: created.ownerToken, body: { access } })
    expect(r.status).toBe(200)
    return created
  }

  it('a new room comes with a link secret and without code access', async () => {
    const created = (await createRoom(env.server, 'Fresh')) as unknown as Created
    expect(created.linkSecret).toMatch(/^ls-[A-Za-z0-9_-]{43}$/)
    expect(created.codeAccess).toBe(false)
    // the owner can read the current link again; nobody else sees it
    const owner = await api(env.server, 'GET', `/api/rooms/${created.room}`, { token: created.ownerToken })
    expect(owner.body).toMatchObject({ linkSecret: created.linkSecret, codeAccess: false })
  })

  it('the code alone does not open a board shared by link; its link secret does', async () => {
    const { room, linkSecret } = await linkShared('edit')
    const bare = await rawConnect(env.server.wsUrl, `/${room}`)
    expect(bare.status).toBe(401)
    expect(bare.frames).toBe(0)
    expect((await api(env.server, 'GET', `/api/rooms/${room}`)).status).toBe(401)
    const madeUp = `ls-${'A'.repeat(43)}`
    expect((await rawConnect(env.server.wsUrl, `/${room}${q(madeUp)}`)).status).toBe(401)
    expect(errorCode(await api(env.server, 'GET', `/api/rooms/${room}`, { token: madeUp }))).toBe('link_invalid')

    const viaLink = await rawConnect(env.server.wsUrl, `/${room}${q(linkSecret)}`)
    expect(viaLink.status).toBe(101)
    const info = await api(env.server, 'GET', `/api/rooms/${room}`, { token: linkSecret })
    expect(info.status).toBe(200)
    expect(info.body).not.toHaveProperty('linkSecret')
    // an edit link writes
    const editor = env.client(room, { token: linkSecret })
    await synced(editor.provider)
    editor.doc.getMap('items').set('by-link', 1)
    const check = env.client(room, { token: linkSecret })
    await waitFor(() => check.doc.getMap('items').get('by-link') === 1, { message: 'the link editor\'s write to be stored and relayed' })
    // PATCH still needs the owner's token (401: a token would help, the link is not enough)
    expect(errorCode(await api(env.server, 'PATCH', `/api/rooms/${room}`, { token: linkSecret, body: { title: 'x' } }))).toBe('token_required')
  })

  it('with codeAccess the code alone opens it; switching it off closes code-only connections with 4403', async () => {
    const { room, ownerToken, linkSecret } = await linkShared('view')
    const on = await api(env.server, 'PATCH', `/api/rooms/${room}`, { token: ownerToken, body: { codeAccess: true } })
    expect(on.body).toMatchObject({ access: 'view', codeAccess: true })
    expect((await api(env.server, 'PATCH', `/api/rooms/${room}`, { token: ownerToken, body: { codeAccess: 'yes' } })).status).toBe(400)
    const byCode = env.client(room)
    const byLink = env.client(room, { token: linkSecret })
    const codes: number[] = []
    byCode.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0))
    await Promise.all([synced(byCode.provider), synced(byLink.provider)])
    await api(env.server, 'PATCH', `/api/rooms/${room}`, { token: ownerToken, body: { codeAccess: false } })
    await waitFor(() => codes.includes(4403), { timeout: 2_000, message: 'the code-only connection to be closed with 4403' })
    byCode.provider.disconnect()
    expect(byLink.provider.wsconnected).toBe(true)
  })

  it('revoking makes a new link secret: old-link connections are closed with 4403 within 1 s, the board and its owner stay', async () => {
    const { room, ownerToken, linkSecret } = await linkShared('edit')
    const owner = env.client(room, { token: ownerToken })
    const oldLink = env.client(room, { token: linkSecret })
    const codes: number[] = []
    oldLink.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0))
    await Promise.all([synced(owner.provider), synced(oldLink.provider)])
    oldLink.doc.getMap('items').set('kept', 'written through the old link')
    await waitFor(() => owner.doc.getMap('items').get('kept') !== undefined)

    // only the owner may revoke
    expect(errorCode(await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: linkSecret }))).toBe('token_required')
    expect((await api(env.server, 'GET', `/api/rooms/${room}/revoke`, { token: ownerToken })).status).toBe(405)
    expect((await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: ownerToken, body: { extra: 1 } })).status).toBe(400)
    const revokedAt = Date.now()
    const r = await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: ownerToken })
    expect(r.status).toBe(200)
    const fresh = (r.body as { linkSecret: string }).linkSecret
    expect(fresh).toMatch(/^ls-/)
    expect(fresh).not.toBe(linkSecret)
    await waitFor(() => codes.includes(4403), { timeout: 1_000, interval: 10, message: 'the old-link connection to be closed with 4403 within 1 s' })
    expect(Date.now() - revokedAt).toBeLessThan(1_500)
    oldLink.provider.disconnect()

    // the old link opens nothing any more, the new one does; the owner never noticed
    expect((await rawConnect(env.server.wsUrl, `/${room}${q(linkSecret)}`)).status).toBe(401)
    expect(errorCode(await api(env.server, 'GET', `/api/rooms/${room}`, { token: linkSecret }))).toBe('link_invalid')
    const newLink = env.client(room, { token: fresh })
    await synced(newLink.provider)
    expect(newLink.doc.getMap('items').get('kept')).toBe('written through the old link')
    expect(owner.provider.wsconnected).toBe(true)
    expect((await api(env.server, 'GET', `/api/rooms/${room}`, { token: ownerToken })).body).toMatchObject({ linkSecret: fresh, access: 'edit' })
    // link secrets never reach the log
    expect(env.server.output()).not.toContain(linkSecret.slice(3))
    expect(env.server.output()).not.toContain(fresh.slice(3))
  })
})

describe('security: revoking links with new tokens', () => {
  const env = useServerWithClients({ args: SECRET_ARGS })

  it('{ tokens: true } also replaces the editor and viewer tokens: their connections are closed with 4403, the owner stays', async () => {
    const created = await createRoom(env.server, 'Tokens too')
    const { room, ownerToken, editorToken, viewerToken } = created
    const owner = env.client(room, { token: ownerToken })
    const editor = env.client(room, { token: editorToken })
    const viewer = env.client(room, { token: viewerToken })
    const codes = { editor: [] as number[], viewer: [] as number[], owner: [] as number[] }
    for (const [name, c] of [['editor', editor], ['viewer', viewer], ['owner', owner]] as const) {
      c.provider.on('connection-close', (e: CloseEvent | null) => codes[name].push(e?.code ?? 0))
    }
    await Promise.all([owner, editor, viewer].map((c) => synced(c.provider)))
    // a plain revoke (the link only) leaves tokens alone
    expect((await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: ownerToken })).body).not.toHaveProperty('editorToken')
    expect((await api(env.server, 'GET', `/api/rooms/${room}`, { token: editorToken })).status).toBe(200)

    const r = await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: ownerToken, body: { tokens: true } })
    expect(r.status).toBe(200)
    const fresh = r.body as { editorToken: string; viewerToken: string }
    expect(fresh.editorToken).not.toBe(editorToken)
    await waitFor(() => codes.editor.includes(4403) && codes.viewer.includes(4403), { timeout: 1_000, interval: 10, message: 'old token connections closed within 1 s' })
    editor.provider.disconnect()
    viewer.provider.disconnect()
    expect(codes.owner).toEqual([])
    expect(errorCode(await api(env.server, 'GET', `/api/rooms/${room}`, { token: editorToken }))).toBe('token_revoked')
    expect((await rawConnect(env.server.wsUrl, `/${room}${q(viewerToken)}`)).status).toBe(401)
    // the new ones work, with their roles
    const newEditor = env.client(room, { token: fresh.editorToken })
    await synced(newEditor.provider)
    newEditor.doc.getMap('items').set('new-editor', 1)
    await waitFor(() => owner.doc.getMap('items').get('new-editor') === 1)
    expect((await api(env.server, 'GET', `/api/rooms/${room}`, { token: fresh.viewerToken })).status).toBe(200)
    expect((await api(env.server, 'PATCH', `/api/rooms/${room}`, { token: fresh.viewerToken, body: { title: 'no' } })).status).toBe(403)
    expect((await api(env.server, 'POST', `/api/rooms/${room}/revoke`, { token: ownerToken, body: { tokens: 'yes' } })).status).toBe(400)
    // `tessera token` signs for the room's current generation (read from the data dir): not born revoked
    const cli = await tessera(['token', room, '--role', 'editor', '--data', env.server.dataDir, ...SECRET_ARGS])
    const cliToken = cli.stdout.trim()
    expect((await api(env.server, 'GET', `/api/rooms/${room}`, { token: cliToken })).status).toBe(200)
    expect((await rawConnect(env.server.wsUrl, `/${room}${q(cliToken)}`)).status).toBe(101)
  })
})

describe('security: rooms from before link secrets', () => {
  it('a board already shared by link keeps opening by its code after the upgrade; a private one stays private', async () => {
    const dir = tmpDir('tessera-linkmigrate-')
    let server = await startServer({ args: SECRET_ARGS, dataDir: dir.dir, keepData: true })
    const shared = (await createRoom(server, 'Shared before')) as unknown as Created
    const priv = (await createRoom(server, 'Private before')) as unknown as Created
    await api(server, 'PATCH', `/api/rooms/${shared.room}`, { token: shared.ownerToken, body: { access: 'view' } })
    await server.stop()
    // Turn the database back into the schema before link secrets (its migrations and the token generations after them undone).
    const db = new Database(path.join(dir.dir, 'tessera.sqlite'))
    const names = migrations.map((m) => m.name)
    db.exec('ALTER TABLE rooms DROP COLUMN code_access; ALTER TABLE rooms DROP COLUMN link_nonce; ALTER TABLE rooms DROP COLUMN token_gen')
    // (and the later migrations, which run again: staged compactions and versions)
    db.exec(`
      DROP TABLE version_parts; ALTER TABLE versions DROP COLUMN state_parts;
      DROP TABLE compactions; DROP INDEX updates_part_of; DROP INDEX history_part_of;
      ALTER TABLE updates DROP COLUMN part_of; ALTER TABLE updates DROP COLUMN more;
      ALTER TABLE history DROP COLUMN part_of; ALTER TABLE history DROP COLUMN more;
    `)
    expect(names.slice(names.indexOf('link secrets'))).toEqual(['link secrets', 'token generations', 'staged compactions', 'staged versions'])
    db.pragma(`user_version = ${names.indexOf('link secrets')}`)
    db.close()

    server = await startServer({ args: SECRET_ARGS, dataDir: dir.dir, keepData: true })
    try {
      expect((await rawConnect(server.wsUrl, `/${shared.room}`)).status).toBe(101)
      expect((await api(server, 'GET', `/api/rooms/${shared.room}`, { token: shared.ownerToken })).body).toMatchObject({ access: 'view', codeAccess: true })
      expect((await rawConnect(server.wsUrl, `/${priv.room}`)).status).toBe(401)
      // the owner can still end code access and hand out a revocable link instead
      await api(server, 'PATCH', `/api/rooms/${shared.room}`, { token: shared.ownerToken, body: { codeAccess: false } })
      expect((await rawConnect(server.wsUrl, `/${shared.room}`)).status).toBe(401)
      const link = ((await api(server, 'GET', `/api/rooms/${shared.room}`, { token: shared.ownerToken })).body as { linkSecret: string }).linkSecret
      expect((await rawConnect(server.wsUrl, `/${shared.room}${q(link)}`)).status).toBe(101)
    } finally {
      await server.dispose()
      dir.remove()
    }
  })
})
