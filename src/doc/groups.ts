// Groups and frames (CONTRACT §3 `parentId`): a group or frame item contains the items whose
// parentId it is. Children keep scene coordinates, so moving a container means moving it and
// everything inside it, in one transaction (see idsWithContents).
import type * as Y from 'yjs'
import { authorOf, stampAuthor, type OpOptions } from './author'
import { keyBetween } from './fractionalIndex'
import { newId } from './ids'
import { writeItem } from './itemWrite'
import { localOrigin } from './origins'
import { getItemMap, itemsMap, readItem } from './read'
import { defaultsFor, fail, ok, type Item, type Result } from './schema'

/** `ids` plus every item inside them (children of groups and frames, at any depth). */
export function idsWithContents(doc: Y.Doc, ids: readonly string[]): string[] {
  const children = new Map<string, string[]>()
  itemsMap(doc).forEach((v, id) => {
    const p = getItemMap(doc, id)?.get('parentId')
    if (typeof p === 'string' && p !== id) {
      const list = children.get(p) ?? []
      list.push(id)
      children.set(p, list)
    }
  })
  const out = new Set<string>()
  const visit = (id: string) => {
    if (out.has(id)) return
    out.add(id)
    for (const c of children.get(id) ?? []) visit(c)
  }
  for (const id of ids) visit(id)
  return [...out]
}

/**
 * Makes a group of `ids` (at least two items of one page): a new `group` item with the given box
 * (the caller measures it), just below the topmost member, becomes their parent. One transaction.
 * Members that were in a group become members of the new one; the new group joins their old
 * common parent when they had one.
 */
export function groupItems(
  doc: Y.Doc,
  ids: readonly string[],
  box: { x: number; y: number; width: number; height: number },
  opts: OpOptions = {},
): Result<string> {
  const members: Item[] = []
  for (const id of new Set(ids)) {
    const it = readItem(doc, id)
    if (!it) return fail('not_found', `item ${id} does not exist or is invalid`)
    members.push(it)
  }
  if (members.length < 2) return fail('invalid_input', 'a group needs at least two items')
  const pageId = members[0]!.pageId
  if (members.some((m) => m.pageId !== pageId)) return fail('invalid_input', 'grouped items must be on one page')
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite)) return fail('invalid_input', 'box: expected finite numbers')
  const parents = new Set(members.map((m) => m.parentId))
  const shared = parents.size === 1 ? [...parents][0] : undefined
  const top = members.reduce((a, b) => (a.index > b.index ? a : b))
  const id = newId()
  const group: Item = {
    ...defaultsFor('group'),
    id,
    type: 'group',
    pageId,
    index: keyBetween(top.index, null),
    x: box.x,
    y: box.y,
    width: Math.max(0, box.width),
    height: Math.max(0, box.height),
    ...(shared ? { parentId: shared } : {}),
  }
  const author = authorOf(opts)
  doc.transact(() => {
    writeItem(doc, author ? { ...group, updatedBy: author } : group)
    for (const m of members) {
      const map = getItemMap(doc, m.id)!
      map.set('parentId', id)
      stampAuthor(map, author)
    }
  }, localOrigin)
  return ok(id)
}

/** Dissolves groups: their members go to the group's own parent (or the page). One transaction. */
export function ungroupItems(doc: Y.Doc, groupIds: readonly string[], opts: OpOptions = {}): Result<string[]> {
  const author = authorOf(opts)
  const groups = groupIds.map((id) => readItem(doc, id)).filter((g): g is Item => g !== null && g.type === 'group')
  if (groups.length === 0) return ok([])
  const freed: string[] = []
  doc.transact(() => {
    for (const g of groups) {
      itemsMap(doc).forEach((v, id) => {
        const m = getItemMap(doc, id)
        if (!m || m.get('parentId') !== g.id) return
        if (g.parentId) m.set('parentId', g.parentId)
        else m.delete('parentId')
        stampAuthor(m, author)
        freed.push(id)
      })
      itemsMap(doc).delete(g.id)
    }
  }, localOrigin)
  return ok(freed)
}

/**
 * Puts items into a frame (or takes them out with `null`), one transaction. Items inside a group
 * move with their group, so only top-level ids (or a group) should be passed.
 */
export function setParent(doc: Y.Doc, ids: readonly string[], parentId: string | null, opts: OpOptions = {}): Result<string[]> {
  const author = authorOf(opts)
  if (parentId !== null && !getItemMap(doc, parentId)) return fail('not_found', `item ${parentId} does not exist`)
  const changes: [Y.Map<unknown>, string | null][] = []
  for (const id of ids) {
    if (id === parentId) continue
    const m = getItemMap(doc, id)
    if (!m) continue
    const cur = m.get('parentId')
    if ((cur ?? null) === parentId) continue
    changes.push([m, parentId])
  }
  if (changes.length > 0)
    doc.transact(() => {
      for (const [m, p] of changes) {
        if (p === null) m.delete('parentId')
        else m.set('parentId', p)
        stampAuthor(m, author)
      }
    }, localOrigin)
  return ok(changes.length ? ids.filter((id) => id !== parentId) : [])
}

/**
 * References between copied items point to the copies: a copied arrow stays bound to the copied
 * shape, a copied member stays in the copied group. References to items outside the copy are
 * kept (a duplicated arrow stays bound to the same shape, a duplicated child in the same frame).
 */
export function remapReferences(copies: Map<string, Item>): void {
  const idOf = (id: string) => copies.get(id)?.id ?? id
  for (const c of copies.values()) {
    if (c.parentId) c.parentId = idOf(c.parentId)
    if (c.startBinding) c.startBinding = { ...c.startBinding, itemId: idOf(c.startBinding.itemId) }
    if (c.endBinding) c.endBinding = { ...c.endBinding, itemId: idOf(c.endBinding.itemId) }
  }
}
