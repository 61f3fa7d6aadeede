/** Tells a viewer why nothing they do changes the board. */
export function ViewOnlyBadge() {
  return (
    <span className="ts-view-only" data-testid="view-only" title="You can look around and follow others, but not change this board">
      <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
        <path fill="currentColor" d="M12 5c-5 0-9 4.5-10 7 1 2.5 5 7 10 7s9-4.5 10-7c-1-2.5-5-7-10-7Zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8Z" />
      </svg>
      View only
    </span>
  )
}
