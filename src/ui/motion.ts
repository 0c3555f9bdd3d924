/** Whether the reader asked for less motion (false where the platform cannot tell, as in jsdom). */
export function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}
