/** Transport icons drawn as SVG, so that they look the same whatever fonts the machine has. */
const PATHS = {
  first: 'M5 4h2.5v16H5zM20 4v16L8.5 12z',
  back: 'M18 4v16L6.5 12z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4.5v16H6zm7.5 0H18v16h-4.5z',
  forward: 'M6 4v16l11.5-8z',
  last: 'M16.5 4H19v16h-2.5zM4 4v16l11.5-8z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
