// The align and distribute operations by name: what the editor chunk needs to offer them (actions,
// shortcuts, the style panel's buttons). Their math (align.ts) loads with the first one used.

export type AlignOp = 'left' | 'centerX' | 'right' | 'top' | 'centerY' | 'bottom'
export type DistributeAxis = 'x' | 'y'
export const ALIGN_OPS: readonly AlignOp[] = ['left', 'centerX', 'right', 'top', 'centerY', 'bottom']
