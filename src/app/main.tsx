import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { registerServiceWorker } from './offline/serviceWorker' // offline-first: app shell service worker

const el = document.getElementById('root')
if (!el) throw new Error('missing #root')
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
if (import.meta.env.PROD) registerServiceWorker() // offline-first: production builds only (dev has no sw.js)
