const MAX_DETAIL = 90

/**
 * The import error toast, on one line: the file and the first problem, shortened, with how many
 * more there are (the validator lists up to five, `; `-separated, each possibly long).
 */
export function importErrorText(fileName: string, message: string): string {
  const problems = message.split(/;\s+|\n+/).map((p) => p.trim()).filter(Boolean)
  let first = problems[0] ?? 'not a Tessera scene file'
  if (first.length > MAX_DETAIL) first = `${first.slice(0, MAX_DETAIL - 1)}…`
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : ''
  const name = fileName.length > 40 ? `${fileName.slice(0, 39)}…` : fileName
  return `Could not import “${name}”: ${first}${more}`
}
