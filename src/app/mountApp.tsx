import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

/** Renders the app shell into #root. */
export function mountApp(): void {
  const el = document.getElementById('root')
  if (!el) throw new Error('missing #root')
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
