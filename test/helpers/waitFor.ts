/** Polls `check` until it returns a truthy value (or stops throwing) or the deadline passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 5_000, interval = 20, message = 'condition' }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout
  let lastError: unknown
  for (;;) {
    try {
      const v = await check()
      if (v) return v
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : ''
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${detail}`)
    }
    await new Promise((r) => setTimeout(r, interval))
  }
}
