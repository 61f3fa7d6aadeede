/** Saves a Blob through a temporary <a download>, the one way that works without permissions. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // revoke later: the download starts asynchronously
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file-name-safe slug of the board title or room ("My board!" → "my-board"). */
export function fileSlug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return s || 'board'
}
