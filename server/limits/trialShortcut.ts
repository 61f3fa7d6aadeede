/**
 * The door's trial (trialApply.ts) without the scratch document, for the updates whose verdict is
 * known from their decoded structs alone. A client's next edit builds on its earlier ones: every
 * struct it brings has a clock above 0. In an empty document Yjs integrates none of them (each
 * client's first struct is ahead of that client's clock, 0) and keeps them all as pending,
 * re-encoded; its delete ranges are all ahead too and are kept as pending deletions, re-encoded.
 * That re-encoding is all the trial does for such an update — about as much work as the room's
 * own apply, most of the trial's cost — and it throws only on what is checked here instead:
 *
 * - a struct of length 0 (its client's structs cannot be searched by clock: Yjs throws),
 * - a delete range of length 0 (Yjs refuses to write it: the crafted update found by fuzzing),
 * - clocks so large that their sums lose precision (left to the trial itself).
 *
 * Skip structs are left to the trial too. What this says "applies" the trial accepts as well
 * (test/unit/server/trialShortcut.test.ts compares both over random and corrupted streams of edits).
 */
import * as Y from 'yjs'

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** clocks and clock + length up to this are exact in every sum Yjs makes with them */
const MAX_CLOCK = 2 ** 32

/**
 * True when `decoded` certainly applies to an empty document without throwing, nothing of it
 * integrating there (so the trial need not run); false means "run the trial", not "refuse".
 */
export function waitsWholeInEmptyDoc(decoded: DecodedUpdate): boolean {
  for (const s of decoded.structs) {
    // a gap in a merged update: Yjs steps over it apart from the rest
    if (s instanceof Y.Skip) return false
    const { clock } = s.id
    if (!(clock > 0) || !(s.length > 0) || clock + s.length > MAX_CLOCK) return false
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const r of ranges) if (!(r.len > 0) || r.clock + r.len > MAX_CLOCK) return false
  }
  return true
}
