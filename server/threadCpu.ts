/**
 * CPU time of the calling thread (ms), on Linux from `/proc/thread-self/schedstat` (its first
 * field: nanoseconds on the CPU); elsewhere the process's CPU time (cpuTime.ts). The process's
 * figure counts every thread: while the room host thread (roomHost.ts) applies a busy room's
 * updates, a quiet room's slice on the main thread would be charged for them and look busy too.
 * The file is opened once per thread and read again from its start on each call (one `pread`).
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { cpuMs } from './limits/cpuTime'

let fd: number | null | undefined
const buf = Buffer.alloc(64)

export function threadCpuMs(): number {
  if (fd === undefined) {
    try {
      fd = openSync('/proc/thread-self/schedstat', 'r')
    } catch {
      fd = null
    }
  }
  if (fd === null) return cpuMs()
  try {
    const n = readSync(fd, buf, 0, buf.length, 0)
    const ns = Number(buf.toString('latin1', 0, n).split(' ')[0])
    if (Number.isFinite(ns)) return ns / 1e6
  } catch {
    // fall through
  }
  closeSync(fd)
  fd = null
  return cpuMs()
}
