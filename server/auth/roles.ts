/**
 * Roles of a room member, ordered: owner ⊇ editor ⊇ viewer. An owner may do everything an
 * editor may (write) and also manage the room (rename, change access, delete).
 */
export type Role = 'owner' | 'editor' | 'viewer'

/** Every role, weakest first. */
export const ROLES: readonly Role[] = ['viewer', 'editor', 'owner']

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 }

export function isRole(value: unknown): value is Role {
  return value === 'owner' || value === 'editor' || value === 'viewer'
}

/** True when `have` grants at least what `need` grants. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need]
}

/** The stronger of two roles. */
export function maxRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b
}

/** The weaker of two roles. */
export function minRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b
}

/** Whether a role may send document updates. */
export function canWrite(role: Role): boolean {
  return roleAtLeast(role, 'editor')
}
