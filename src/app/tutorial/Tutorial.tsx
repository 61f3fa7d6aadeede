import { lazy, Suspense, useEffect, useState } from 'react'
import { hasSeenTutorial, markTutorialSeen, OPEN_TUTORIAL_EVENT } from './tutorialState'
import { retryImport } from '../../canvas/retryImport'

// The card and its steps are a chunk of their own, fetched when the tour opens.
const TutorialCard = lazy(() => retryImport(() => import('./TutorialCard').then((m) => ({ default: m.TutorialCard }))))

/**
 * The first-run tour as a floating card (no backdrop: the page stays usable behind it).
 * `autoShow`: open by itself when this browser has not seen it yet (the lobby does this; the board
 * does not, so a shared link opens straight onto the canvas). Always opens on openTutorial().
 */
export function Tutorial({ autoShow = false }: { autoShow?: boolean }) {
  const [open, setOpen] = useState(() => autoShow && !hasSeenTutorial())
  const [step, setStep] = useState(0)

  useEffect(() => {
    const onOpen = () => {
      setStep(0)
      setOpen(true)
    }
    window.addEventListener(OPEN_TUTORIAL_EVENT, onOpen)
    return () => window.removeEventListener(OPEN_TUTORIAL_EVENT, onOpen)
  }, [])

  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])

  function close() {
    markTutorialSeen()
    setOpen(false)
  }

  if (!open) return null
  return (
    <Suspense fallback={null}>
      <TutorialCard step={step} setStep={setStep} close={close} />
    </Suspense>
  )
}
