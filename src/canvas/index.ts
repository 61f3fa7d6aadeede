/**
 * `tessera/react`: the editor for a host's React app (CONTRACT §9). React and React DOM are the
 * host's (peer dependencies); everything else, Konva included, comes with the package.
 */
export { TesseraBoard, type TesseraBoardProps } from './TesseraBoard'
