/** The history REST API (CONTRACT §7) as the History panel uses it; the token goes in the Authorization header. */
import * as z from 'zod'

const versionSchema = z.object({
  id: z.number(),
  at: z.string(),
  label: z.string().nullable(),
  by: z.array(z.string()),
  items: z.number(),
  changes: z.record(z.string(), z.number()).optional(),
})
export type Version = z.infer<typeof versionSchema>

const replaySchema = z.object({
  from: z.number().nullable(),
  base: z.string().nullable(),
  updates: z.array(z.object({ at: z.string(), data: z.string() })),
  marks: z.array(z.object({ id: z.number(), at: z.string(), index: z.number() })),
  complete: z.boolean(),
})

/** A version a replay passes: after the first `index` updates the board is that version. */
export interface ReplayMark {
  id: number
  at: string
  index: number
}

export interface ReplaySpan {
  base: Uint8Array | null
  updates: Array<{ at: number; data: Uint8Array }>
  marks: ReplayMark[]
  complete: boolean
}

export class HistoryApi {
  constructor(private readonly room: string, private readonly token: string | null) {}

  async list(): Promise<Version[]> {
    return z.object({ versions: z.array(versionSchema) }).parse(await this.json('GET', '/versions')).versions
  }

  async state(id: number): Promise<Uint8Array> {
    const res = await fetch(this.url(`/versions/${id}/state`), { headers: this.headers() })
    if (!res.ok) throw new Error(await errorText(res))
    return new Uint8Array(await res.arrayBuffer())
  }

  /** The stored edits leading to version `id`, and on through every later version up to `through`. */
  async replay(id: number, through: number = id): Promise<ReplaySpan> {
    const r = replaySchema.parse(await this.json('GET', `/versions/${id}/replay${through === id ? '' : `?through=${through}`}`))
    return {
      base: r.base ? fromBase64(r.base) : null,
      updates: r.updates.map((u) => ({ at: Date.parse(u.at), data: fromBase64(u.data) })),
      marks: r.marks,
      complete: r.complete,
    }
  }

  async name(label: string, by: string): Promise<Version> {
    return versionSchema.parse(await this.json('POST', '/versions', { label, ...(by ? { by } : {}) }))
  }

  private url(path: string): string {
    return `/api/rooms/${encodeURIComponent(this.room)}${path}`
  }

  private headers(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {}
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(this.url(path), {
      method,
      headers: { ...this.headers(), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(await errorText(res))
    return (await res.json()) as unknown
  }
}

async function errorText(res: Response): Promise<string> {
  try {
    const b = (await res.json()) as { error?: { message?: string } }
    return b.error?.message ?? `HTTP ${res.status}`
  } catch {
    return `HTTP ${res.status}`
  }
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
