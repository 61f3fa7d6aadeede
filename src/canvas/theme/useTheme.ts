import { createContext, useContext, useSyncExternalStore } from 'react'
import { currentTheme, subscribeTheme, type Theme } from './theme'

/** A host's choice (<TesseraBoard theme>): when set, it wins over this browser's preference. */
export const ThemeOverride = createContext<Theme | null>(null)

/** The theme shown now; re-renders when it changes (toggle, system setting, host's choice). */
export function useTheme(): Theme {
  const forced = useContext(ThemeOverride)
  const preferred = useSyncExternalStore(subscribeTheme, currentTheme, () => 'light' as const)
  return forced ?? preferred
}

/** Props that scope the theme's CSS custom properties to an element (see theme.css). */
export function themeAttr(theme: Theme): { 'data-tsr-theme': Theme } {
  return { 'data-tsr-theme': theme }
}
