/** Stub — replaced by the editor tools/UI work: toolbar, style panel, pages, zoom, undo/redo, help, shortcuts. */
export function EditorUI() {
  return null
}
