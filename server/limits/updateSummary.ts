/**
 * What an incoming Yjs update would cost, read from its decoded structs before it touches a
 * document: how many structs, which client ids it brings (and the clock range of each), which
 * structs it refers to outside itself, and which deletions it carries. Checked against a room's
 * document (updateBudget.ts) this tells how many client ids are new to the room and how many
 * structs would wait as "pending" — the two things that make Yjs integration explode in cost.
 */
import * as Y from 'yjs'
import { appliesToEmptyDoc, getsTrial, isKnownUnapplicable } from './trialApply'
import { waitsWholeInEmptyDoc } from './trialShortcut'

export interface ClientRange {
  /** first clock of the structs this update brings for the client */
  from: number
  /** clock after the last one */
  to: number
  /** structs of this client in the update */
  structs: number
  /** the update skips clocks of this client in between (a merged update with holes) */
  gap: boolean
}

export interface UpdateSummary {
  structs: number
  clients: Map<number, ClientRange>
  /** origins, right origins and parents named by id that this update does not bring itself */
  refs: Array<{ client: number; clock: number }>
  /** deletions: per client, the clock just past the furthest deleted range */
  deletesUpTo: Map<number, number>
  /** a struct refers to a struct of its own client that cannot exist yet (never written by Yjs) */
  impossible: boolean
  /** Yjs throws when applying it even to an empty document (trialApply.ts) */
  unapplicable: boolean
  /** the trial apply is still to run, off the main thread (`deferTrialOver`; trialWorker.ts) */
  trialPending: boolean
}

export interface SummaryOptions {
  /** the trial apply runs whatever the update's size (its sender is a suspect, trialApply.ts) */
  trialAnySize?: boolean
  /** updates larger than this are not tried here: their summary says `trialPending` when they need it */
  deferTrialOver?: number
}

/** Decodes an update into its summary; null when it does not decode. */
export function summarizeUpdate(update: Uint8Array, opts: SummaryOptions = {}): UpdateSummary | null {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return null
  }
  const summary = summarizeDecoded(Y, decoded)
  // Checked only for updates not refused already (the trial costs a scratch document).
  const anySize = opts.trialAnySize ?? false
  let unapplicable = false
  let trialPending = false
  if (!summary.impossible) {
    if (isKnownUnapplicable(update)) unapplicable = true
    else if (opts.deferTrialOver !== undefined && update.length > opts.deferTrialOver && getsTrial(update, anySize)) trialPending = true
    // the trial's verdict, read from the structs when nothing of them would integrate (trialShortcut.ts)
    else unapplicable = !(waitsWholeInEmptyDoc(decoded) || appliesToEmptyDoc(update, anySize))
  }
  return { ...summary, unapplicable, trialPending }
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>
/** what the structs and deletions of a decoded update tell (the summary without the trial's verdict) */
export type StructSummary = Omit<UpdateSummary, 'unapplicable' | 'trialPending'>

/**
 * The summary of a decoded update's structs and deletions. It uses nothing but its arguments (`y`
 * is the yjs module): the trial worker runs this very function, from its source text, for big
 * updates (trialWorker.ts), so it must stay self-contained (no imports, no helpers outside it).
 */
export function summarizeDecoded(y: typeof Y, decoded: DecodedUpdate): StructSummary {
  const clients = new Map<number, ClientRange>()
  let impossible = false
  for (const s of decoded.structs) {
    const { client, clock } = s.id
    const range = clients.get(client)
    if (s instanceof y.Skip) {
      if (range) range.gap = true
      continue
    }
    if (!range) clients.set(client, { from: clock, to: clock + s.length, structs: 1, gap: false })
    else {
      if (clock > range.to) range.gap = true
      range.to = Math.max(range.to, clock + s.length)
      range.structs++
    }
  }
  const refs: Array<{ client: number; clock: number }> = []
  for (const s of decoded.structs) {
    if (!(s instanceof y.Item)) continue
    const { client, clock } = s.id
    for (const ref of [s.origin, s.rightOrigin, s.parent]) {
      if (!(ref instanceof y.ID)) continue
      if (ref.client === client && ref.clock >= clock) impossible = true
      const own = clients.get(ref.client)
      if (own && ref.clock >= own.from && ref.clock < own.to) continue
      refs.push({ client: ref.client, clock: ref.clock })
    }
  }
  const deletesUpTo = new Map<number, number>()
  for (const [client, ranges] of decoded.ds.clients) {
    let end = 0
    for (const r of ranges) end = Math.max(end, r.clock + r.len)
    if (end > 0) deletesUpTo.set(client, end)
  }
  return { structs: decoded.structs.length, clients, refs, deletesUpTo, impossible }
}

/** The next clock of each client as a document (plus updates accepted before) knows it. */
export type ClockOf = (client: number) => number

/**
 * How this update would integrate into a document whose clocks are `clockOf`: client ids new to
 * it, and structs (plus deletions) that would wait as pending because something before them is
 * missing. Pure; cost O(structs in the summary).
 */
export function integrationCost(s: UpdateSummary, clockOf: ClockOf): { newClients: number; pending: number } {
  let newClients = 0
  let pending = 0
  for (const [client, range] of s.clients) {
    const known = clockOf(client)
    if (known === 0) newClients++
    if (range.from > known || range.gap) pending += range.structs
  }
  const reaches = (client: number, clock: number) => {
    const own = s.clients.get(client)
    const have = clockOf(client)
    return clock < have || (own !== undefined && own.from <= have && clock < own.to)
  }
  for (const ref of s.refs) if (!reaches(ref.client, ref.clock)) pending++
  for (const [client, end] of s.deletesUpTo) if (!reaches(client, end - 1)) pending++
  return { newClients, pending }
}

/** The clocks after this update integrates (for checking the next update of the same batch). */
export function advanceClocks(s: UpdateSummary, clockOf: ClockOf, into: Map<number, number>): void {
  for (const [client, range] of s.clients) {
    const known = clockOf(client)
    if (range.from <= known && !range.gap && range.to > known) into.set(client, range.to)
  }
}
