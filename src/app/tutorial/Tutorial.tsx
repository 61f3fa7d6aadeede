import { useEffect, useState } from 'react'
import { TUTORIAL_STEPS } from './steps'
import { hasSeenTutorial, markTutorialSeen, OPEN_TUTORIAL_EVENT } from './tutorialState'
import './tutorial.css'

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
  const s = TUTORIAL_STEPS[step]!
  const last = step === TUTORIAL_STEPS.length - 1
  return (
    <section className="ts-tutorial" data-testid="tutorial" role="dialog" aria-modal="false" aria-labelledby="ts-tutorial-title">
      <button className="ts-tutorial-close" data-testid="tutorial-close" aria-label="Close the tour" onClick={close}>
        ×
      </button>
      <div className="ts-tutorial-icon" aria-hidden="true">
        {step + 1}
      </div>
      <p className="ts-tutorial-count">
        Step {step + 1} of {TUTORIAL_STEPS.length}
      </p>
      <h2 id="ts-tutorial-title">{s.title}</h2>
      <p className="ts-tutorial-body">{s.body}</p>
      <div className="ts-tutorial-footer">
        <div className="ts-tutorial-dots" aria-hidden="true">
          {TUTORIAL_STEPS.map((_, i) => (
            <span key={i} className={i === step ? 'is-active' : ''} />
          ))}
        </div>
        {step > 0 && (
          <button className="ts-btn ts-btn-ghost" data-testid="tutorial-back" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        <button className="ts-btn ts-btn-primary" data-testid="tutorial-next" onClick={() => (last ? close() : setStep(step + 1))}>
          {last ? 'Got it' : 'Next'}
        </button>
      </div>
    </section>
  )
}
