// A seeded in-memory network for N replicas (in the spirit of Yjs' TestConnector): every
// local update is queued for every other replica; the test decides which message is
// delivered next, duplicates some, and holds a replica's outbox back while it is offline.
import * as Y from 'yjs'

const REMOTE = 'remote'

interface Message {
  to: number
  update: Uint8Array
}

export class Connector {
  readonly docs: Y.Doc[]
  /** every update any replica produced, for the merged-rebuild check */
  readonly log: Uint8Array[] = []
  private queue: Message[] = []
  private outbox: Message[][]
  private offline: boolean[]

  constructor(n: number, init?: (doc: Y.Doc) => void) {
    this.docs = []
    this.outbox = []
    this.offline = []
    for (let i = 0; i < n; i++) {
      const doc = new Y.Doc()
      doc.clientID = i + 1 // fixed ids make runs reproducible from the seed alone
      this.docs.push(doc)
      this.outbox.push([])
      this.offline.push(false)
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return
        this.log.push(update)
        for (let j = 0; j < n; j++) if (j !== i) this.send(i, { to: j, update })
      })
    }
    if (init) {
      init(this.docs[0]!)
      this.flushAll()
    }
  }

  private send(from: number, m: Message): void {
    if (this.offline[from]) this.outbox[from]!.push(m)
    else this.queue.push(m)
  }

  pending(): number {
    return this.queue.length
  }

  /** Delivers queued message pick % length; with dup it stays queued (delivered again later). */
  deliver(pick: number, dup = false): void {
    if (this.queue.length === 0) return
    const k = pick % this.queue.length
    const m = this.queue[k]!
    if (!dup) this.queue.splice(k, 1)
    if (this.offline[m.to]) {
      // an offline replica cannot receive: the message waits
      if (dup) return
      this.queue.push(m)
      return
    }
    Y.applyUpdate(this.docs[m.to]!, m.update, REMOTE)
  }

  setOffline(i: number, off: boolean): void {
    this.offline[i] = off
    if (!off) {
      this.queue.push(...this.outbox[i]!)
      this.outbox[i] = []
    }
  }

  /** Everyone online, every message delivered (in order), until nothing is left. */
  flushAll(): void {
    for (let i = 0; i < this.docs.length; i++) this.setOffline(i, false)
    while (this.queue.length > 0) this.deliver(0)
  }
}
