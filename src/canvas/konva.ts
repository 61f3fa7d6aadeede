/**
 * react-konva on Konva's core plus only the node types the editor draws. The plain `konva` /
 * `react-konva` entry registers every shape and filter Konva has; this keeps the board's
 * JavaScript smaller and quicker to start (see bench/editor.ts). Import React-Konva
 * components from here, never from 'react-konva' directly.
 */
import 'konva/lib/shapes/Rect'
import 'konva/lib/shapes/Ellipse'
import 'konva/lib/shapes/Circle'
import 'konva/lib/shapes/Line'
import 'konva/lib/shapes/Text'
import 'konva/lib/shapes/Label'
// Transformer and Path: registered by the overlay chunk (overlay.tsx), the only place they are
// drawn. (Arrows are Shapes painted by shapes/linearPaint.ts; Konva's Arrow would bring in Path.)
import 'konva/lib/shapes/Image'

import type { Layer as LayerComponent } from 'react-konva/lib/ReactKonvaCore'
import type { Text as TextComponent } from 'react-konva/lib/ReactKonvaCore'
import { ITEMS_KONVA_LAYER } from './items/itemsKonvaLayer'
import { ITEM_TEXT } from './shapes/itemText'

/** The react-konva element for the items layer (ItemsKonvaLayer: on-demand hit graph, viewport culling). */
export const ItemsKonvaLayer = ITEMS_KONVA_LAYER as unknown as typeof LayerComponent

/** Text of items (ItemText: Konva text that remembers its font metrics between draws). */
export const ItemText = ITEM_TEXT as unknown as typeof TextComponent

export { Stage, Layer, Group, Rect, Ellipse, Line, Path, Text, Label, Tag, Transformer } from 'react-konva/lib/ReactKonvaCore'
// custom-painted shapes (laser trails, hand-drawn items)
export { Shape, Circle, Image } from 'react-konva/lib/ReactKonvaCore'
