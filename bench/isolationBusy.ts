// The busy room's client of the isolation section, in a process of its own (forked by
// bench/isolation.ts, on the load generator's core): applying and sending 5,000 items/s and
// decoding their echoes must not hold up the event loop that times the quiet room's deliveries.
// Messages from the parent: 'start' (begin sending), 'mark' (reply with updates sent and echoed
// bytes so far), 'stop' (end and exit). Replies 'ready' once synced.
import * as Y from 'yjs'
import { openClient } from './clients'
import { busyUpdates, ISOLATION } from './isolation'
import type { ServerKind } from './targets'

export type BusyReply = { kind: 'ready' } | { kind: 'mark'; sent: number; sentBytes: number; echoed: number }
export type BusyCommand = 'start' | 'mark' | 'stop'

const [kind, port, room, count] = process.argv.slice(2) as [ServerKind, string, string, string]
const updates = busyUpdates(Number(count))
const busy = openClient(kind, Number(port), room, { presence: 'own' })
const send = (m: BusyReply) => process.send!(m)
let next = 0
let sentBytes = 0
let timer: NodeJS.Timeout | null = null
const sendOne = () => {
  if (next >= updates.length) return
  const u = updates[next++]!
  sentBytes += u.length + 4
  Y.applyUpdate(busy.doc, u)
}
process.on('message', (m: BusyCommand) => {
  if (m === 'start') {
    sendOne()
    timer = setInterval(sendOne, 1000 / ISOLATION.busyHz)
  } else if (m === 'mark') send({ kind: 'mark', sent: next, sentBytes, echoed: busy.received() })
  else {
    if (timer) clearInterval(timer)
    busy.destroy()
    setTimeout(() => process.exit(0), 200)
  }
})
await busy.synced
send({ kind: 'ready' })
