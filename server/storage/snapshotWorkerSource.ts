/**
 * The snapshot worker's code (run with `eval`, so it is plain JavaScript and imports nothing of
 * ours; see snapshotWorker.ts for what it is for and stagedCompaction.ts for the rows it writes).
 * Messages: `snapshot` (build only), `stage` (build and write a staged compaction), `finish`
 * (after the main thread committed or dropped it: delete the replaced entries, or the staged rows),
 * `append` (write one big update in parts, staged: stagedAppend.ts).
 */
import { LOWER_OWN_PRIORITY } from '../workerPriority'
import { PART_BYTES, VISIBLE_LOG } from './stagedCompaction'
import { WITH_GATE_SOURCE } from './writeGate'

export const SNAPSHOT_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// the worker writing big appends keeps the event loop's priority: the room's relays wait for it
if (!workerData.urgent) {
${LOWER_OWN_PRIORITY}
}
const { crc32 } = require('node:zlib')
const Database = require(workerData.sqlite)
const Y = require(workerData.yjs)
const PART = ${PART_BYTES}
const gate = workerData.gate ? new Int32Array(workerData.gate) : null
${WITH_GATE_SOURCE}
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
// as the main connection (openDatabase.ts): no fsync per commit, no automatic checkpoint inside a commit
db.pragma('synchronous = NORMAL')
db.pragma('wal_autocheckpoint = 0')
const rows = db.prepare('SELECT id, data, created_at, snapshot, part_of, more FROM updates WHERE ${VISIBLE_LOG} ORDER BY id')
const newRecord = db.prepare('INSERT INTO compactions (room, up_to, done) VALUES (?, ?, 0)')
const staging = 'EXISTS (SELECT 1 FROM compactions WHERE id = @of AND done = 0)'
const addHistory = db.prepare('INSERT INTO history (room, data, created_at, part_of, more) SELECT @room, @data, @at, @of, @more WHERE ' + staging)
const addVersionPart = db.prepare('INSERT INTO version_parts (part_of, data, more) SELECT @of, @data, @more WHERE ' + staging)
const addPart = db.prepare('INSERT INTO updates (room, data, created_at, snapshot, crc, part_of, more) SELECT @room, @data, @at, 1, @crc, @of, @more WHERE ' + staging)
const addUpdatePart = db.prepare('INSERT INTO updates (room, data, created_at, snapshot, crc, part_of, more) SELECT @room, @data, @at, 0, @crc, @of, @more WHERE ' + staging)
const record = db.prepare('SELECT room, up_to, done FROM compactions WHERE id = ?')
const replacedRows = db.prepare('SELECT id, length(data) AS n FROM updates WHERE room = ? AND id <= ? ORDER BY id LIMIT 64')
const stagedRows = ['updates', 'history', 'version_parts'].map((t) => db.prepare('SELECT id, length(data) AS n FROM ' + t + ' WHERE part_of = ? LIMIT 64'))
const dropRow = ['updates', 'history', 'version_parts'].map((t) => db.prepare('DELETE FROM ' + t + ' WHERE id = ?'))
const dropRecord = db.prepare('DELETE FROM compactions WHERE id = ?')

/** entries of the visible log, the parts of a cut blob joined (same rule as joinParts in stagedCompaction.ts) */
function readLog(room) {
  const out = [], open = new Map()
  let upTo = 0, bytes = 0
  for (const r of rows.all({ room })) {
    upTo = Math.max(upTo, r.id)
    bytes += r.data.length
    if (r.part_of === null || (r.more === 0 && !open.has(r.part_of))) { out.push(r); continue }
    const parts = open.get(r.part_of) || []
    parts.push(r)
    if (r.more !== 0) { open.set(r.part_of, parts); continue }
    open.delete(r.part_of)
    out.push({ ...parts[0], data: Buffer.concat(parts.map((p) => p.data)) })
  }
  if (open.size > 0) throw new Error('a stored blob is missing its last part')
  return { entries: out, upTo, bytes }
}

function build(room) {
  const log = readLog(room)
  const doc = new Y.Doc()
  try {
    for (const e of log.entries) Y.applyUpdate(doc, e.data)
    return { ...log, snapshot: Y.encodeStateAsUpdate(doc) }
  } finally {
    doc.destroy()
  }
}

/** One short write transaction, holding the lock shared with the main thread (writeGate.ts), then a pause. */
function shortTransaction(write) {
  gated(() => db.transaction(write).immediate())
  Atomics.wait(pause, 0, 0, 1)
}
function gated(fn) {
  return gate ? withGate(gate, fn) : fn()
}
const pause = new Int32Array(new SharedArrayBuffer(4))

/** Runs write transactions of about PART bytes each; each step writes one piece and returns its size. */
function inShortTransactions(pieces, write) {
  let i = 0
  while (i < pieces.length) {
    shortTransaction(() => {
      let n = 0
      do { n += write(pieces[i++]) } while (i < pieces.length && n + pieces[i].data.length <= PART)
    })
  }
}

/** cuts one blob into parts of at most PART bytes, marked with whether another follows */
function cut(data, meta) {
  const out = []
  let at = 0
  do {
    const end = Math.min(data.length, at + PART)
    out.push({ ...meta, data: Buffer.from(data.buffer, data.byteOffset + at, end - at), more: end < data.length ? 1 : 0 })
    at = end
  } while (at < data.length)
  return out
}

class Gone extends Error {}

/** writes one staged row (refused once its record is gone) and returns its size */
const writeStaged = (stmt) => (p) => {
  if (stmt.run(p).changes !== 1) throw new Gone('the staged compaction was removed meanwhile')
  return p.data.length
}

/** a staged write failed: its rows go (else they are removed at the next start) */
function dropAfter(of, err) {
  if (!(err instanceof Gone)) {
    try { drop(of) } catch {}
  }
  throw err
}

/** \`version\`: the snapshot is also written as a version's state (version_parts) */
function stage(room, version) {
  const b = build(room)
  const now = Date.now()
  const of = Number(gated(() => newRecord.run(room, b.upTo)).lastInsertRowid)
  try {
    const history = b.entries.filter((e) => e.snapshot === 0).flatMap((e) => cut(e.data, { room, at: e.created_at, of }))
    const parts = cut(b.snapshot, { room, at: now, of }).map((p) => ({ ...p, crc: crc32(p.data) }))
    inShortTransactions(history, writeStaged(addHistory))
    inShortTransactions(parts, writeStaged(addPart))
    if (version) inShortTransactions(parts, writeStaged(addVersionPart))
  } catch (err) {
    dropAfter(of, err)
  }
  return { staged: of, upTo: b.upTo, rows: b.entries.length, bytes: b.bytes, snapshotBytes: b.snapshot.length, snapshot: b.snapshot }
}

/** one big update appended in parts, invisible until the main thread deletes its record (up_to 0: it replaces nothing) */
function stageAppend(room, data, at) {
  const of = Number(gated(() => newRecord.run(room, 0)).lastInsertRowid)
  try {
    inShortTransactions(cut(data, { room, at, of }).map((p) => ({ ...p, crc: crc32(p.data) })), writeStaged(addUpdatePart))
  } catch (err) {
    dropAfter(of, err)
  }
  return of
}

/** Deletes rows in short transactions: each batch holds about PART bytes (a larger row alone). */
function deleteInBatches(select, table, ...args) {
  for (;;) {
    const found = select.all(...args)
    if (found.length === 0) return
    const batch = []
    let n = 0
    for (const r of found) {
      if (batch.length > 0 && n + r.n > PART) break
      batch.push(r.id)
      n += r.n
    }
    shortTransaction(() => { for (const id of batch) dropRow[table].run(id) })
  }
}

/** the rows of a compaction that will not be committed, then its record */
function drop(of) {
  deleteInBatches(stagedRows[0], 0, of)
  deleteInBatches(stagedRows[1], 1, of)
  deleteInBatches(stagedRows[2], 2, of)
  gated(() => dropRecord.run(of))
}

/** after a commit: the replaced entries, then the record (until then they were invisible) */
function purge(of) {
  const c = record.get(of)
  if (!c) return
  if (c.done === 0) return drop(of)
  deleteInBatches(replacedRows, 0, c.room, c.up_to)
  gated(() => dropRecord.run(of))
}

parentPort.on('message', (m) => {
  try {
    if (m.op === 'finish') {
      purge(m.staged)
      parentPort.postMessage({ id: m.id, done: true })
    } else if (m.op === 'append') {
      // the bytes go back in any case (lent by the main thread, which applies and relays them next)
      let staged, error
      try {
        staged = stageAppend(m.room, Buffer.from(m.buf, m.offset, m.length), m.at)
      } catch (err) {
        error = String((err && err.message) || err)
      }
      parentPort.postMessage({ id: m.id, staged, error, buf: m.buf }, [m.buf])
    } else if (m.op === 'stage') {
      const { snapshot, ...staged } = stage(m.room, m.version === true)
      // the snapshot's bytes too when asked (a room going dormant keeps them): moved, not copied
      if (m.bytes) parentPort.postMessage({ id: m.id, ...staged, snapshot }, [snapshot.buffer])
      else parentPort.postMessage({ id: m.id, ...staged })
    } else {
      const b = build(m.room)
      parentPort.postMessage({ id: m.id, snapshot: b.snapshot, upTo: b.upTo, rows: b.entries.length, bytes: b.bytes }, [b.snapshot.buffer])
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) })
  }
})
`
