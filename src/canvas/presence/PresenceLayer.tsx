/** Stub — replaced by the presence work: a Konva <Layer> with others' cursors and selection outlines. */
export function PresenceLayer() {
  return null
}
