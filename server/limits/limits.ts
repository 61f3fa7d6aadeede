/**
 * Every limit of the server in one place (README "Security"). Numbers are per connection, per
 * room or per client address; each says what it bounds and why the default is safe for real use.
 */
export const LIMITS = {
  /** Yjs work a connection may cause (see updateBudget.ts). */
  connection: {
    /**
     * client ids a connection may introduce into a room's document (ids the document has never
     * seen): a browser session brings one; a returning browser whose room the server lost brings
     * its board's history. Each new id can add a conflicting insert that every later one scans.
     */
    newClientIdsBurst: 100,
    newClientIdsPerSecond: 1,
    /** structs a connection may leave waiting for something missing (Yjs "pending"); a stock client leaves none */
    pendingStructs: 100,
    /** ms of update-apply CPU time (cpuTime.ts) a connection may use in a burst, and per second after that; past it, its socket is paused */
    applyMsBurst: 1_000,
    applyMsPerSecond: 200,
    /** longest a throttled connection's socket stays paused at once (pings keep running underneath) */
    maxPauseMs: 2_000,
    /** sync step 1 messages answered per connection: a burst, then per second (each answer can be the whole board) */
    syncStep1Burst: 10,
    syncStep1PerSecond: 1,
  },
  /** Yjs work per room, shared by all its connections */
  room: {
    newClientIdsBurst: 200,
    newClientIdsPerSecond: 5,
    /** structs waiting in the document for something missing; each new update re-merges them */
    pendingStructs: 500,
    /** ms of update-apply CPU time per room (burst, per second); past it the room's next batch waits, so other rooms run */
    applyMsBurst: 1_000,
    applyMsPerSecond: 250,
  },
  /** presence (awareness) */
  awareness: {
    /** bytes of one client's awareness state (JSON): a cursor, a selection of ids, a laser trail */
    maxStateBytes: 64 * 1024,
    /** awareness client ids one connection may announce (a tab has one; a few for multi-doc apps) */
    maxIdsPerConnection: 4,
  },
  /** HTTP request bodies */
  http: {
    /**
     * a body over its limit is read (and thrown away) up to this much more, for up to drainMs,
     * before the 413 is sent: a client that writes its whole body before reading (most do) gets
     * the 413 instead of a reset
     */
    drainBytes: 64 * 1024 * 1024,
    drainMs: 10_000,
  },
  /** per client address (HTTP 429 with Retry-After) */
  perAddress: {
    /** failed room lookups and failed tokens (REST 401/403/404 and refused upgrades) */
    failuresBurst: 60,
    failuresPerMinute: 60,
    /** rooms created with POST /api/rooms */
    createBurst: 60,
    createPerMinute: 30,
    /** client addresses remembered at once (the least recently seen are forgotten first) */
    trackedAddresses: 10_000,
  },
} as const
