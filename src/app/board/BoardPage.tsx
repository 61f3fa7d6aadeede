/** Placeholder: the board page lands with the editor work. */
export function BoardPage({ room }: { room: string }) {
  return <main style={{ fontFamily: 'system-ui', padding: 24 }}>Board {room}</main>
}
