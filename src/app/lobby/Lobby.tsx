/** Placeholder: the lobby (create a board, join by code, recent boards) lands with the sharing work. */
export function Lobby() {
  return (
    <main style={{ fontFamily: 'system-ui', padding: 24 }}>
      <h1>Tessera</h1>
    </main>
  )
}
