import path from 'node:path'

/** What rolldown's codeSplitting group callbacks get (a subset of its ChunkingContext). */
interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

/** A code-splitting group as rolldown's `output.codeSplitting.groups` takes it. */
export interface StageGroup {
  debugName: string
  name: (id: string, ctx: ChunkingContext) => string | null
  priority: number
  includeDependenciesRecursively: boolean
}

/**
 * Keeps each load stage in one chunk. The app loads in stages: the entry script (`stages[0]`),
 * then the chunk it imports at once (the editor), then chunks fetched on demand (the exporters,
 * the hand-drawn renderer, the overlay, dialogs). Rolldown's automatic splitting moves modules
 * shared by a stage and a later on-demand chunk into common chunks of their own, even when the
 * stage has always loaded them already (rolldown issues #10263, #10731): a dozen small chunks,
 * the editor's code in several requests one after the other. This puts every module a stage
 * imports statically (and no earlier stage does) in that stage's chunk; what only on-demand
 * chunks use is left to the automatic splitting.
 */
export function loadStageGroups(root: string, stages: readonly { name: string; entry: string }[]): StageGroup[] {
  const entries = stages.map((s) => path.resolve(root, s.entry))
  const byCtx = new WeakMap<ChunkingContext, Map<string, string>>()

  const stageOf = (ctx: ChunkingContext): Map<string, string> => {
    let map = byCtx.get(ctx)
    if (map) return map
    map = new Map()
    stages.forEach((stage, i) => {
      const todo = [entries[i]!]
      while (todo.length > 0) {
        const id = todo.pop()!
        if (map!.has(id)) continue
        map!.set(id, stage.name)
        for (const dep of ctx.getModuleInfo(id)?.importedIds ?? []) if (!map!.has(dep)) todo.push(dep)
      }
    })
    byCtx.set(ctx, map)
    return map
  }

  return stages.map((stage, i) => ({
    debugName: `load stage ${stage.name}`,
    name: (id, ctx) => (stageOf(ctx).get(id) === stage.name ? stage.name : null),
    priority: stages.length - i,
    includeDependenciesRecursively: false,
  }))
}
