// The colour theme: 'light' or 'dark', following the system setting until the user picks one
// (Alt+Shift+D), remembered in this browser. A tiny external store (useSyncExternalStore).

export type Theme = 'light' | 'dark'
export type ThemeSetting = Theme | 'system'

const KEY = 'tessera.theme'

/** What the board shows for a setting, given whether the system prefers dark. */
export function resolveTheme(setting: ThemeSetting, systemDark: boolean): Theme {
  return setting === 'system' ? (systemDark ? 'dark' : 'light') : setting
}

/** The setting after a toggle: the opposite of what is shown now (an explicit choice from then on). */
export function toggledSetting(shown: Theme): ThemeSetting {
  return shown === 'dark' ? 'light' : 'dark'
}

export function parseSetting(raw: unknown): ThemeSetting {
  return raw === 'light' || raw === 'dark' ? raw : 'system'
}

const listeners = new Set<() => void>()
let setting: ThemeSetting | null = null
let media: MediaQueryList | null = null

function load(): ThemeSetting {
  if (setting !== null) return setting
  try {
    setting = parseSetting(globalThis.localStorage?.getItem(KEY))
  } catch {
    setting = 'system'
  }
  if (typeof matchMedia === 'function' && !media) {
    media = matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener?.('change', () => {
      for (const l of [...listeners]) l()
    })
  }
  return setting
}

/** The theme shown now. */
export function currentTheme(): Theme {
  return resolveTheme(load(), media?.matches === true)
}

export function subscribeTheme(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function setThemeSetting(s: ThemeSetting): void {
  setting = s
  try {
    if (s === 'system') globalThis.localStorage?.removeItem(KEY)
    else globalThis.localStorage?.setItem(KEY, s)
  } catch {
    // storage refused (private mode): the choice lasts for this page
  }
  for (const l of [...listeners]) l()
}

/** Alt+Shift+D: switch to the other theme. */
export function toggleTheme(): void {
  setThemeSetting(toggledSetting(currentTheme()))
}
