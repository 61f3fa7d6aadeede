import { runAction, type ActionContext } from '../actions'
import { WRITING_TOOLS, toolLabel } from '../actions/setTool'
import { shortcutFor } from '../keyboard'
import type { ToolId } from '../state/editorStore'
import { useEditor } from './hooks'
import { ICONS } from './icons'

const ORDER: ToolId[] = ['select', 'hand', 'rect', 'ellipse', 'line', 'arrow', 'pen', 'text', 'sticky', 'frame', 'eraser', 'laser']

/** Top-centre tool bar. Read-only boards keep only select and hand. */
export function Toolbar({ ctx, menu }: { ctx: ActionContext; menu: React.ReactNode }) {
  const tool = useEditor((s) => s.tool)
  const readOnly = useEditor((s) => s.readOnly)
  const tools = readOnly ? ORDER.filter((t) => !WRITING_TOOLS.includes(t)) : ORDER
  return (
    <div className="tsr-panel tsr-toolbar" role="toolbar" aria-label="Tools" data-testid="toolbar">
      {tools.map((t, i) => {
        const keys = shortcutFor(`tool.${t}`)
        const title = `${toolLabel(t)}${keys ? ` — ${keys}` : ''}`
        return (
          <span key={t} className="tsr-toolbar-slot">
            {(i === 2 || t === 'laser') && <span className="tsr-divider" />}
            <button
              type="button"
              className="tsr-icon-btn"
              data-testid={`tool-${t}`}
              aria-pressed={tool === t}
              aria-label={toolLabel(t)}
              title={title}
              onClick={() => runAction(`tool.${t}`, ctx)}
            >
              {ICONS[t]}
              {keys && <span className="tsr-key-hint">{/^[A-Z]\b/.exec(keys)?.[0] ?? ''}</span>}
            </button>
          </span>
        )
      })}
      <span className="tsr-divider" />
      {menu}
    </div>
  )
}
