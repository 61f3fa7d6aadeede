import { useMemo, useState } from 'react'
import { addPage, listPages, removePage, renamePage } from '../../doc'
import type { ActionContext } from '../actions'
import { useEditor, useMapVersion } from './hooks'
import { ICONS } from './icons'

/**
 * Bottom-centre page tabs: click switches, double-click renames, × deletes (after a confirm),
 * + adds. (BoardPage moves the store to the first page when the current one disappears.)
 */
export function PageSwitcher({ ctx }: { ctx: ActionContext }) {
  const version = useMapVersion(ctx.doc, 'pages')
  const pageId = useEditor((s) => s.pageId)
  const readOnly = useEditor((s) => s.readOnly)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const pages = useMemo(() => listPages(ctx.doc), [ctx.doc, version])
  const [renaming, setRenaming] = useState<string | null>(null)

  const add = () => {
    const r = addPage(ctx.doc, `Page ${pages.length + 1}`)
    if (r.ok) ctx.store.setPage(r.value)
  }
  const remove = (id: string, name: string) => {
    if (pages.length <= 1) return
    if (!window.confirm(`Delete “${name}” and everything on it? Others lose it too.`)) return
    const idx = pages.findIndex((p) => p.id === id)
    const r = removePage(ctx.doc, id)
    if (r.ok && id === pageId) ctx.store.setPage(pages[idx === 0 ? 1 : idx - 1]!.id)
  }

  return (
    <div className="tsr-panel tsr-pages" data-testid="page-switcher" role="tablist" aria-label="Pages">
      {pages.map((p) => (
        <div key={p.id} className="tsr-page-tab" role="tab" aria-selected={p.id === pageId} data-testid={`page-tab-${p.id}`}>
          {renaming === p.id ? (
            <input
              className="tsr-page-input"
              data-testid="page-rename-input"
              autoFocus
              defaultValue={p.name}
              maxLength={200}
              onFocus={(e) => e.currentTarget.select()}
              onBlur={(e) => {
                const name = e.currentTarget.value.trim()
                if (name && name !== p.name) renamePage(ctx.doc, p.id, name)
                setRenaming(null)
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur()
                if (e.key === 'Escape') {
                  e.currentTarget.value = p.name
                  e.currentTarget.blur()
                }
              }}
            />
          ) : (
            <button
              type="button"
              className="tsr-page-name"
              title={readOnly ? p.name : `${p.name} — double-click to rename`}
              onClick={() => ctx.store.setPage(p.id)}
              onDoubleClick={() => !readOnly && setRenaming(p.id)}
            >
              {p.name || 'Untitled'}
            </button>
          )}
          {!readOnly && p.id === pageId && pages.length > 1 && renaming !== p.id && (
            <button type="button" className="tsr-page-delete" data-testid={`page-delete-${p.id}`} title="Delete page" aria-label={`Delete ${p.name}`} onClick={() => remove(p.id, p.name)}>
              {ICONS.close}
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="tsr-icon-btn tsr-small" data-testid="page-add" title="Add page" aria-label="Add page" onClick={add}>
          {ICONS.plus}
        </button>
      )}
    </div>
  )
}
