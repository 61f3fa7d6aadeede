import { toggleTheme } from '../theme/theme'
import type { Action } from './types'

/** Alt+Shift+D: dark ↔ light (a per-browser preference; the document is untouched). */
export const toggleThemeAction: Action = {
  id: 'toggleTheme',
  label: 'Dark / light theme',
  writes: false,
  run: () => toggleTheme(),
}
