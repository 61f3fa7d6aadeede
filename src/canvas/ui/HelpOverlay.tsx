import { displayShortcut, SHORTCUTS, STAGE_SHORTCUTS, type Shortcut } from '../keyboard'
import { ACTIONS } from '../actions'

const GROUPS: Shortcut['group'][] = ['Tools', 'Edit', 'Arrange', 'View']

/** Every shortcut from the table (so it can never go stale), grouped. `?` toggles it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="tsr-backdrop" onPointerDown={onClose} data-testid="help-overlay">
      <div className="tsr-panel tsr-dialog tsr-help" role="dialog" aria-label="Keyboard shortcuts" onPointerDown={(e) => e.stopPropagation()}>
        <div className="tsr-dialog-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="tsr-icon-btn tsr-small" data-testid="help-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="tsr-help-grid">
          {GROUPS.map((g) => (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {merged(g).map(({ label, keys }) => (
                  <div key={label} className="tsr-help-row">
                    <dt>{label}</dt>
                    <dd>
                      {keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
                {g === 'View' &&
                  [...new Set(STAGE_SHORTCUTS.map((s) => s.what))].map((what) => (
                    <div key={what} className="tsr-help-row">
                      <dt>{what}</dt>
                      <dd>
                        {STAGE_SHORTCUTS.filter((s) => s.what === what).map((s) => (
                          <kbd key={s.label}>{displayShortcut(s.label)}</kbd>
                        ))}
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}

/** One row per action, with all its keys (e.g. Redo: Ctrl+Shift+Z, Ctrl+Y); nudges collapsed. */
function merged(group: Shortcut['group']): { label: string; keys: string[] }[] {
  const rows = new Map<string, string[]>()
  for (const s of SHORTCUTS) {
    if (s.group !== group) continue
    let label = ACTIONS.get(s.action)?.label ?? s.action
    let keys = s.label.split(' or ').map(displayShortcut)
    if (s.action.startsWith('nudge.')) {
      label = s.action.endsWith('.big') ? 'Nudge ×10' : 'Nudge'
      keys = [s.action.endsWith('.big') ? displayShortcut('Shift+Arrows') : 'Arrows']
    }
    const row = rows.get(label) ?? []
    for (const k of keys) if (!row.includes(k)) row.push(k)
    rows.set(label, row)
  }
  return [...rows].map(([label, keys]) => ({ label, keys }))
}
