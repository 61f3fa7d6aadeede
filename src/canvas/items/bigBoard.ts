// The items layer's parts for big changes, loaded on demand (kept out of the editor chunk, whose
// size issue 20 bounds): the bulk node changes (a restyle, move or removal of thousands of items
// in one pass) and the mounting of thousands of items a slice per frame. Until they have loaded
// (a moment after the editor mounts) such changes take the ordinary per-component path.
export { bulkNodes } from './bulkNodes'
export { MountSlices } from './mountSlices'
