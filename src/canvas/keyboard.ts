/**
 * The keyboard shortcut table (CONTRACT §5) → action ids from src/canvas/actions.
 * Pure data plus a matcher, so it is unit-tested without a browser.
 */
export interface KeyLike {
  key: string
  code: string
  shiftKey: boolean
  /** Ctrl on Linux/Windows, Cmd on macOS */
  modKey: boolean
  altKey: boolean
}

export interface Shortcut {
  action: string
  /** what the help overlay and tooltips show, with "Mod" for Ctrl/Cmd */
  label: string
  /** matches e.key case-insensitively */
  keys?: string[]
  /** or e.code (layout-independent fallback, e.g. BracketLeft) */
  codes?: string[]
  mod: boolean
  /** true/false must match; 'any' ignores Shift */
  shift: boolean | 'any'
  /**
   * Copy/cut/paste: the keydown must NOT be prevented, so the browser fires the clipboard event
   * that carries event.clipboardData (works without clipboard permissions).
   */
  viaClipboardEvent?: boolean
  /** true: Alt/Option must be held (absent: must not be) */
  alt?: boolean
  /** help overlay section */
  group: 'Tools' | 'Edit' | 'Arrange' | 'View'
}

const tool = (key: string, id: string, extra: string[] = []): Shortcut => ({
  action: `tool.${id}`,
  label: [key, ...extra].join(' or '),
  keys: [key.toLowerCase(), ...extra.map((k) => k.toLowerCase())],
  mod: false,
  shift: false,
  group: 'Tools',
})

const nudges: Shortcut[] = (['Left', 'Right', 'Up', 'Down'] as const).flatMap((d) => [
  { action: `nudge.${d.toLowerCase()}`, label: `Arrow${d}`, keys: [`Arrow${d}`], mod: false, shift: false, group: 'Arrange' as const },
  { action: `nudge.${d.toLowerCase()}.big`, label: `Shift+Arrow${d}`, keys: [`Arrow${d}`], mod: false, shift: true, group: 'Arrange' as const },
])

export const SHORTCUTS: readonly Shortcut[] = [
  tool('V', 'select'),
  tool('H', 'hand'),
  tool('R', 'rect'),
  tool('O', 'ellipse'),
  tool('L', 'line'),
  tool('A', 'arrow'),
  tool('P', 'pen', ['D']),
  tool('T', 'text'),
  tool('N', 'sticky'),
  tool('K', 'laser'),
  tool('E', 'eraser'),
  tool('F', 'frame'),
  { action: 'delete', label: 'Delete or Backspace', keys: ['Delete', 'Backspace'], mod: false, shift: 'any', group: 'Edit' },
  { action: 'undo', label: 'Mod+Z', keys: ['z'], mod: true, shift: false, group: 'Edit' },
  { action: 'redo', label: 'Mod+Shift+Z', keys: ['z'], mod: true, shift: true, group: 'Edit' },
  { action: 'redo', label: 'Ctrl+Y', keys: ['y'], mod: true, shift: false, group: 'Edit' },
  { action: 'group', label: 'Mod+G', keys: ['g'], mod: true, shift: false, group: 'Arrange' },
  { action: 'ungroup', label: 'Mod+Shift+G', keys: ['g'], mod: true, shift: true, group: 'Arrange' },
  { action: 'editLabel', label: 'Enter', keys: ['Enter'], mod: false, shift: false, group: 'Edit' },
  { action: 'duplicate', label: 'Mod+D', keys: ['d'], mod: true, shift: false, group: 'Edit' },
  { action: 'selectAll', label: 'Mod+A', keys: ['a'], mod: true, shift: false, group: 'Edit' },
  { action: 'copy', label: 'Mod+C', keys: ['c'], mod: true, shift: false, viaClipboardEvent: true, group: 'Edit' },
  { action: 'cut', label: 'Mod+X', keys: ['x'], mod: true, shift: false, viaClipboardEvent: true, group: 'Edit' },
  { action: 'paste', label: 'Mod+V', keys: ['v'], mod: true, shift: 'any', viaClipboardEvent: true, group: 'Edit' },
  { action: 'bringForward', label: ']', keys: [']'], codes: ['BracketRight'], mod: false, shift: false, group: 'Arrange' },
  { action: 'sendBackward', label: '[', keys: ['['], codes: ['BracketLeft'], mod: false, shift: false, group: 'Arrange' },
  { action: 'bringToFront', label: 'Mod+]', keys: [']'], codes: ['BracketRight'], mod: true, shift: false, group: 'Arrange' },
  { action: 'sendToBack', label: 'Mod+[', keys: ['['], codes: ['BracketLeft'], mod: true, shift: false, group: 'Arrange' },
  ...nudges,
  { action: 'zoomToFit', label: 'Shift+1', keys: ['!'], codes: ['Digit1'], mod: false, shift: true, group: 'View' },
  { action: 'escape', label: 'Escape', keys: ['Escape'], mod: false, shift: 'any', group: 'Edit' },
  { action: 'toggleHelp', label: '?', keys: ['?'], mod: false, shift: 'any', group: 'View' },
  // look and feel (issue 17)
  { action: 'toggleTheme', label: 'Alt+Shift+D', codes: ['KeyD'], mod: false, shift: true, alt: true, group: 'View' },
  { action: 'toggleLock', label: 'Shift+L', keys: ['l'], mod: false, shift: true, group: 'Arrange' },
  { action: 'zoomIn', label: 'Mod+=', keys: ['=', '+'], codes: ['Equal', 'NumpadAdd'], mod: true, shift: 'any', group: 'View' },
  { action: 'zoomOut', label: 'Mod+-', keys: ['-', '_'], codes: ['Minus', 'NumpadSubtract'], mod: true, shift: 'any', group: 'View' },
  { action: 'zoomReset', label: 'Shift+0', keys: [')'], codes: ['Digit0'], mod: false, shift: true, group: 'View' },
  { action: 'align.left', label: 'Mod+Shift+ArrowLeft', keys: ['ArrowLeft'], mod: true, shift: true, group: 'Arrange' },
  { action: 'align.right', label: 'Mod+Shift+ArrowRight', keys: ['ArrowRight'], mod: true, shift: true, group: 'Arrange' },
  { action: 'align.top', label: 'Mod+Shift+ArrowUp', keys: ['ArrowUp'], mod: true, shift: true, group: 'Arrange' },
  { action: 'align.bottom', label: 'Mod+Shift+ArrowDown', keys: ['ArrowDown'], mod: true, shift: true, group: 'Arrange' },
]

/** Shortcuts the Stage handles itself (listed in the help overlay only). */
export const STAGE_SHORTCUTS: readonly { label: string; what: string }[] = [
  { label: 'Space+drag', what: 'Pan' },
  { label: 'Middle-drag', what: 'Pan' },
  { label: 'Wheel', what: 'Pan' },
  { label: 'Mod+wheel', what: 'Zoom' },
]

export function matchShortcut(e: KeyLike): Shortcut | null {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  for (const s of SHORTCUTS) {
    if (s.mod !== e.modKey || (s.alt ?? false) !== e.altKey) continue
    if (s.shift !== 'any' && s.shift !== e.shiftKey) continue
    const byKey = s.keys?.some((k) => k === key || k === e.key) ?? false
    const byCode = s.codes?.includes(e.code) ?? false
    if (byKey || byCode) return s
  }
  return null
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** "Mod+Shift+Z" → "Ctrl+Shift+Z" or "⌘⇧Z". */
export function displayShortcut(label: string): string {
  if (!IS_MAC) return label.replace('Mod', 'Ctrl')
  return label.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Ctrl+', '⌃')
}

/** The first shortcut label of an action, for tooltips ("Rectangle — R"). */
export function shortcutFor(action: string): string | null {
  const s = SHORTCUTS.find((x) => x.action === action)
  return s ? displayShortcut(s.label) : null
}
