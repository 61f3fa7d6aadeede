import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { createRoom, rawConnect, SECRET_ARGS } from '../sharing/helpers'
import { generateRoomCode } from '../../../server/api/roomCodes'

describe('security: guessing room codes and tokens is rate-limited per address', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: SECRET_ARGS })
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('2,000 code guesses over REST are mostly answered 429 with Retry-After', async () => {
    const statuses = new Map<number, number>()
    let retryAfter: string | null = null
    for (let i = 0; i < 2_000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => fetch(`${server.url}/api/rooms/${generateRoomCode()}`).then(async (r) => (await r.arrayBuffer(), r))),
      )
      for (const r of batch) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
        if (r.status === 429) retryAfter ??= r.headers.get('retry-after')
      }
    }
    expect(statuses.get(429) ?? 0).toBeGreaterThan(1_800)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // guessing over WebSocket upgrades counts too, and is refused with 429 as well. The bucket
    // refills one guess a second, so on a slow machine the first upgrade may be let through to
    // the authorizer (401) and charged; the very next ones must then be 429.
    const upgrades: number[] = []
    for (let i = 0; i < 3; i++) upgrades.push((await rawConnect(server.wsUrl, `/${generateRoomCode()}`)).status)
    expect(upgrades.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2)
    expect(upgrades.every((s) => s === 429 || s === 401)).toBe(true)
  })

  it('room creation is limited per address too', async () => {
    const fresh = await startServer({ args: SECRET_ARGS })
    try {
      const statuses: number[] = []
      const started = Date.now()
      for (let i = 0; i < 65; i++) statuses.push((await fetch(`${fresh.url}/api/rooms`, { method: 'POST' })).status)
      // 60 at once, then 30 a minute: on a slow machine the bucket refills one every 2 s meanwhile
      const refilled = Math.ceil((Date.now() - started) / 2_000)
      expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true)
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(60 + refilled)
      expect(statuses.every((s) => s === 201 || s === 429)).toBe(true)
      expect(statuses.slice(60).filter((s) => s === 429).length).toBeGreaterThanOrEqual(Math.max(1, 5 - refilled))
      await expect(createRoom(fresh)).rejects.toThrow(/429/)
    } finally {
      await fresh.dispose()
    }
  })
})
