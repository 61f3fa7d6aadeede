import { TUTORIAL_STEPS } from './steps'
import './tutorial.css'

/** The tour's card at `step` (Tutorial.tsx keeps whether it is open and where). */
export function TutorialCard({ step, setStep, close }: { step: number; setStep: (step: number) => void; close: () => void }) {
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
