import type * as Y from 'yjs'
import { ensureDefaultPage, listPages, pagesMap } from '../../doc'
import type { EditorStore } from './editorStore'

/**
 * Keeps the editor on an existing page, whoever changed the pages (returns the uninstall).
 * - The board has no page left (after its first sync): concurrent removals of different pages
 *   can merge into zero pages, since removePage's last-page guard sees one replica only. The
 *   default page is created again; ensureDefaultPage writes fixed content under a fixed id, so
 *   clients doing this at the same time converge on one page.
 * - The current page is missing (removed, or never existed here): show the first page.
 * Observers run synchronously at the end of the transaction that changed the pages, so by the
 * time a drawing tool reads store.pageId it names a page that exists.
 * Before the first sync an empty doc just has not loaded yet: creating a page then would
 * resurrect page-1 on a board whose pages have other ids.
 */
export function keepPageValid(doc: Y.Doc, store: EditorStore, isSynced: () => boolean): { check(): void; dispose(): void } {
  const check = () => {
    let pages = listPages(doc)
    if (pages.length === 0 && isSynced()) {
      ensureDefaultPage(doc)
      pages = listPages(doc)
    }
    if (pages.length > 0 && !pages.some((p) => p.id === store.get().pageId)) store.setPage(pages[0]!.id)
  }
  const pages = pagesMap(doc)
  pages.observeDeep(check)
  check()
  return { check, dispose: () => pages.unobserveDeep(check) }
}
