import { updateItems, type Item } from '../../doc'
import type { ActionContext } from '../actions'
import { byMe } from '../state/editorStore'
import { startCrop } from '../tools/select/selectTool'
import { uncroppedPatch } from '../transform/cropReset'
import { useEditor } from './hooks'
import { PanelSection } from './PanelSection'

/**
 * The style panel's image section: Crop enters crop mode on the selected image (as a double-click
 * does) and Done leaves it; Show whole image removes the crop in one undo step.
 */
export function CropSection({ ctx, items }: { ctx: ActionContext; items: readonly Item[] }) {
  const cropping = useEditor((s) => s.croppingId)
  const it = items.length === 1 && items[0]!.type === 'image' ? items[0]! : null
  if (!it || it.locked) return null
  const active = cropping === it.id
  return (
    <PanelSection title="Image">
      <div className="tsr-segmented">
        <button type="button" data-testid="style-crop" aria-pressed={active} onClick={() => (active ? ctx.store.setCropping(null) : startCrop(ctx, it.id))}>
          {active ? 'Done' : 'Crop'}
        </button>
        {it.crop && (
          <button type="button" data-testid="style-uncrop" onClick={() => updateItems(ctx.doc, [{ id: it.id, patch: uncroppedPatch(it) }], byMe(ctx.store))}>
            Show whole
          </button>
        )}
      </div>
    </PanelSection>
  )
}
