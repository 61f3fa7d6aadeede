import type { ReactNode } from 'react'

/** Hand-drawn 24×24 stroke icons (currentColor), in the spirit of tldraw/Excalidraw. */
function Icon({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  )
}

export const ICONS = {
  frame: (
    <Icon>
      <path d="M7 3v18M17 3v18M3 7h18M3 17h18" />
    </Icon>
  ),
  select: (
    <Icon>
      <path d="M6 3.5l12 7.2-5.4 1.3 3.2 6.1-2.2 1.1-3.2-6.1L6 17z" />
    </Icon>
  ),
  hand: (
    <Icon>
      <path d="M8 13V6a1.5 1.5 0 0 1 3 0v5M11 11V4.5a1.5 1.5 0 0 1 3 0V11M14 11V5.5a1.5 1.5 0 0 1 3 0V12M17 10a1.5 1.5 0 0 1 3 0v4.5A6.5 6.5 0 0 1 13.5 21h-1.3a6 6 0 0 1-4.8-2.4l-3-4.1a1.6 1.6 0 0 1 2.5-2L8 14" />
    </Icon>
  ),
  rect: (
    <Icon>
      <rect x="4" y="5" width="16" height="14" rx="2" />
    </Icon>
  ),
  ellipse: (
    <Icon>
      <ellipse cx="12" cy="12" rx="8.5" ry="7.5" />
    </Icon>
  ),
  line: (
    <Icon>
      <path d="M5 19L19 5" />
    </Icon>
  ),
  arrow: (
    <Icon>
      <path d="M5 19L19 5M10 5h9v9" />
    </Icon>
  ),
  pen: (
    <Icon>
      <path d="M4 20l1.2-4.6L16.4 4.2a2 2 0 0 1 2.8 0l.6.6a2 2 0 0 1 0 2.8L8.6 18.8z M14.5 6l3.5 3.5" />
    </Icon>
  ),
  text: (
    <Icon>
      <path d="M5 6V4.5h14V6M12 4.5v15M9 19.5h6" />
    </Icon>
  ),
  sticky: (
    <Icon>
      <path d="M5 4h14v10l-6 6H5z M13 20v-6h6" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <circle cx="9" cy="10" r="1.6" />
      <path d="M20.5 16l-5-5-8.5 8.5" />
    </Icon>
  ),
  moon: (
    <Icon>
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </Icon>
  ),
  sun: (
    <Icon>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" />
    </Icon>
  ),
  eraser: (
    <Icon>
      <path d="M8.5 19.5h11M4.6 14.6l9.2-9.2a2 2 0 0 1 2.8 0l3 3a2 2 0 0 1 0 2.8l-8.6 8.6H8.4l-3.8-3.8a1 1 0 0 1 0-1.4zM9.5 9.7l5.8 5.8" />
    </Icon>
  ),
  laser: (
    <Icon>
      <path d="M4 20l7.5-7.5" />
      <circle cx="15" cy="9" r="2.5" />
      <path d="M15 3v1.5M21 9h-1.5M19.2 4.8l-1.1 1.1M19.2 13.2l-1.1-1.1M10.8 4.8l1.1 1.1" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </Icon>
  ),
  minus: (
    <Icon>
      <path d="M5 12h14" />
    </Icon>
  ),
  plus: (
    <Icon>
      <path d="M12 5v14M5 12h14" />
    </Icon>
  ),
  fit: (
    <Icon>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Icon>
  ),
  menu: (
    <Icon>
      <path d="M4 7h16M4 12h16M4 17h16" />
    </Icon>
  ),
  help: (
    <Icon>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01" />
    </Icon>
  ),
  close: (
    <Icon size={14}>
      <path d="M6 6l12 12M18 6L6 18" />
    </Icon>
  ),
  lock: (
    <Icon>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </Icon>
  ),
  download: (
    <Icon size={16}>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </Icon>
  ),
  upload: (
    <Icon size={16}>
      <path d="M12 16V5M7 10l5-5 5 5M5 20h14" />
    </Icon>
  ),
} as const
