/** Stub — replaced by the sharing work: title, Share button with "Shared" pill, View only badge. */
export function BoardHeader() {
  return null
}
