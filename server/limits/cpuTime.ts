/**
 * CPU time this process has used (ms, user + system), for the budgets of Yjs work and the
 * backlog hold. CPU time, not wall time: on a loaded machine the wall time of a piece of work is
 * mostly other processes' turns, and charging those to a room or a sender would slow it down
 * without giving other rooms anything. It is the whole process's (Node 20 has no per-thread
 * figure): while the main thread works, what the worker threads use meanwhile counts too.
 */
export function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
