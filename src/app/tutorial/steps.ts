/** The first-run tour, one short step per idea. */
export interface TutorialStep {
  title: string
  body: string
}

export const TUTORIAL_STEPS: readonly TutorialStep[] = [
  { title: 'Create a board', body: 'Give it a name and press “Create board”. Every board gets a short code like K7P2QX that is easy to read aloud.' },
  { title: 'Draw together', body: 'Pick a tool in the toolbar — rectangles, arrows, the pen, text and sticky notes. Everyone sees changes as they happen, even after going offline for a while.' },
  { title: 'Share', body: 'Use the Share button at the top left to send an edit or view-only link. A new board is private: its code alone lets nobody in, so send a link (or switch the board to “anyone with the link” first).' },
  { title: 'Follow along', body: 'Click a collaborator in the people list to follow their view — handy for walkthroughs. Any move of your own stops following.' },
]
