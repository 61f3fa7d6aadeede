// The items layer's bulk node changes (a restyle, move or removal of thousands of items in one
// pass), loaded on demand: kept out of the editor chunk, whose size issue 20 bounds. Until they
// have loaded (a moment after the editor mounts) such changes take the ordinary per-component path.
export { bulkNodes } from './bulkNodes'
