import type { ToolContext } from '../tools/types'

/** Hooks into UI-only state (dialogs) that some actions toggle. */
export interface UiHooks {
  toggleHelp(): void
  closeOverlays(): boolean
}

/** What an action may touch: the doc (through src/doc ops), the editor store, undo and UI hooks. */
export interface ActionContext extends ToolContext {
  ui?: UiHooks
}

/**
 * A command. The toolbar, the keyboard table and the menu all run the same action object,
 * so a shortcut can never drift from its button.
 */
export interface Action {
  id: string
  label: string
  /** true when it changes the shared doc: hidden/ignored on read-only boards */
  writes: boolean
  run(ctx: ActionContext): void
  /** when false the button is disabled and the shortcut does nothing */
  enabled?(ctx: ActionContext): boolean
}

export const hasSelection = (ctx: ActionContext): boolean => ctx.store.get().selection.length > 0
