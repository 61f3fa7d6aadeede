// The local user's display name and colour: a friendly random default on first visit,
// remembered in (injected) storage so it survives reloads and applies to every board.
import * as z from 'zod'
import type { UserInfo } from './types'

/** The subset of Web Storage we use; tests pass an in-memory one. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const IDENTITY_KEY = 'tessera.identity'
export const MAX_NAME_LENGTH = 32

/** Distinct, readable on white, and pleasant next to each other. */
export const PALETTE: readonly string[] = Object.freeze([
  '#e03131', '#c2255c', '#9c36b5', '#6741d9', '#3b5bdb', '#1971c2',
  '#0c8599', '#099268', '#2f9e44', '#66a80f', '#e8590c', '#f08c00',
])

const ADJECTIVES = [
  'Quick', 'Brave', 'Calm', 'Clever', 'Gentle', 'Happy', 'Jolly', 'Kind', 'Lively', 'Lucky',
  'Merry', 'Nimble', 'Proud', 'Quiet', 'Sunny', 'Swift', 'Witty', 'Bright', 'Bold', 'Cosy',
]
const ANIMALS = [
  'Otter', 'Fox', 'Panda', 'Koala', 'Badger', 'Heron', 'Lynx', 'Owl', 'Puffin', 'Seal',
  'Tiger', 'Whale', 'Wombat', 'Zebra', 'Falcon', 'Hedgehog', 'Lemur', 'Moose', 'Robin', 'Yak',
]

const pick = <T,>(xs: readonly T[], rng: () => number): T => xs[Math.min(xs.length - 1, Math.floor(rng() * xs.length))]

export function randomIdentity(rng: () => number = Math.random): UserInfo {
  return { name: `${pick(ADJECTIVES, rng)} ${pick(ANIMALS, rng)}`, color: pick(PALETTE, rng) }
}

const HEX = /^#[0-9a-fA-F]{6}$/
const storedSchema = z.object({ name: z.string(), color: z.string().regex(HEX) })

/** Trims and caps a user-entered name; empty → null (caller keeps the previous name). */
export function cleanName(name: string): string | null {
  const n = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH)
  return n.length > 0 ? n : null
}

/** The remembered identity, or a new random one (saved at once so it stays stable). */
export function loadIdentity(storage: KeyValueStorage | null, rng: () => number = Math.random): UserInfo {
  let raw: string | null = null
  try {
    raw = storage?.getItem(IDENTITY_KEY) ?? null
  } catch {
    // storage may be disabled (privacy mode); fall back to a session-only identity
  }
  if (raw) {
    try {
      const r = storedSchema.safeParse(JSON.parse(raw))
      const name = r.success ? cleanName(r.data.name) : null
      if (r.success && name) return { name, color: r.data.color }
    } catch {
      // corrupt JSON: replace it below
    }
  }
  const fresh = randomIdentity(rng)
  saveIdentity(storage, fresh)
  return fresh
}

export function saveIdentity(storage: KeyValueStorage | null, id: UserInfo): void {
  try {
    storage?.setItem(IDENTITY_KEY, JSON.stringify({ name: id.name, color: id.color }))
  } catch {
    // quota or disabled storage: the identity simply is not remembered
  }
}

/** window.localStorage when reachable (it throws in some sandboxed iframes). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
