/** Placeholder shell; routes ('/' lobby, '/r/:room' board) land with the editor and sharing work. */
export function App() {
  return <main style={{ fontFamily: 'system-ui', padding: 24 }}>Tessera</main>
}
