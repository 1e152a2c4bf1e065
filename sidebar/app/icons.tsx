import type { ComponentChildren } from 'preact';

/** Inline icons: the sidebar loads nothing from URLs. Decorative: the button names them. */
function Icon({ children }: { children: ComponentChildren }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="currentColor">
      {children}
    </svg>
  );
}

/** A gear: its teeth are a dashed ring (8 dashes round it), its body a ring inside. */
export const SettingsIcon = () => (
  <Icon>
    <g fill="none" stroke="currentColor" stroke-width="4">
      <circle cx="12" cy="12" r="8" stroke-dasharray="3.14" />
      <circle cx="12" cy="12" r="5" />
    </g>
  </Icon>
);
export const BackIcon = () => (
  <Icon>
    <path d="M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z" />
  </Icon>
);
