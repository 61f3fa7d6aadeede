/**
 * Client-side navigation: the shell (App.tsx) re-reads the path on 'popstate', so a pushState
 * followed by that event switches screens without a reload. The fragment (tokens) rides along.
 */
export function navigate(path: string): void {
  history.pushState(null, '', path)
  window.dispatchEvent(new PopStateEvent('popstate'))
}
