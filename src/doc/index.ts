// Public surface of the scene model (see notes/DOC_API.md). Imports only yjs, zod and
// fractional-indexing: no React, Konva, DOM or server code.
export * from './origins'
export * from './schema'
export * from './author'
export * from './fractionalIndex'
export * from './ids'
export * from './read'
export * from './sceneOps'
export * from './zOrder'
export * from './textOps'
export * from './pages'
export * from './meta'
export * from './observe'
export * from './undo'
export * from './sceneJson'
export * from './clipboard'
export * from './chat'
export * from './restore'
export * from './groups'
export * from './labels'
export * from './pointsBox'
// (the Excalidraw/tldraw importers are not re-exported: import them from './import'. Through this
// barrel the web app's bundler kept them in the editor chunk; they load with the ☰ menu.)
