import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'

// `--metrics-token` (issue 16): for deployments that expose the port, /metrics and the details of
// /healthz need the token; without the option both stay open.
const TOKEN = 'metrics-token-for-tests-0123456789'

async function get(server: RunningServer, path: string, token?: string) {
  const res = await fetch(server.url + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  return { status: res.status, text: await res.text(), headers: res.headers }
}

describe('security: --metrics-token', () => {
  let guarded: RunningServer
  let open: RunningServer
  beforeAll(async () => {
    guarded = await startServer({ env: { TESSERA_METRICS_TOKEN: TOKEN } })
    open = await startServer()
  }, 60_000)
  afterAll(async () => {
    await Promise.all([guarded?.dispose(), open?.dispose()])
  })

  it('/metrics answers 401 without the token or with a wrong one, the Prometheus text with it', async () => {
    const none = await get(guarded, '/metrics')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect(none.text).not.toContain('tessera_')
    expect((await get(guarded, '/metrics', 'wrong')).status).toBe(401)
    expect((await get(guarded, '/metrics', `${TOKEN}x`)).status).toBe(401)
    const ok = await get(guarded, '/metrics', TOKEN)
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('tessera_')
  })

  it('/healthz keeps answering its status, with details only for the token', async () => {
    const bare = await get(guarded, '/healthz')
    expect(bare.status).toBe(200)
    expect(JSON.parse(bare.text)).toEqual({ ok: true })
    const detailed = JSON.parse((await get(guarded, '/healthz', TOKEN)).text) as Record<string, unknown>
    expect(detailed).toMatchObject({ ok: true })
    expect(Object.keys(detailed)).toEqual(expect.arrayContaining(['rooms', 'connections', 'uptime']))
    expect(guarded.output()).not.toContain(TOKEN)
  })

  it('without the option both stay open', async () => {
    const m = await get(open, '/metrics')
    expect(m.status).toBe(200)
    expect(m.text).toContain('tessera_')
    expect(Object.keys(JSON.parse((await get(open, '/healthz')).text) as object)).toEqual(expect.arrayContaining(['rooms', 'connections']))
  })
})
