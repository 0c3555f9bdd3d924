/**
 * Testing Library for the page's components. The page runs on Preact through its React API
 * (`preact/compat`, aliased for `react` and `react-dom` in vite.config.ts), so the components render
 * here as they do in the browser, with `@testing-library/preact`; this module gives it the element
 * type of the React API the components are written (and type-checked) against.
 */
import * as preact from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import type { ReactElement } from 'react';

type Options = Omit<preact.RenderOptions, 'queries'>;
export interface Rendered extends Omit<preact.RenderResult, 'rerender' | 'container'> {
  container: HTMLElement;
  rerender(ui: ReactElement): void;
}

export function render(ui: ReactElement, options?: Options): Rendered {
  const result = preact.render(ui as unknown as ComponentChild, options);
  return {
    ...result,
    container: result.container as HTMLElement,
    rerender: (next) => result.rerender(next as unknown as ComponentChild),
  };
}

/** Runs `callback` and renders what it changed, effects included, before returning. */
export const act = preact.act as (callback: () => unknown) => void | Promise<void>;
export const { cleanup, fireEvent, screen, waitFor } = preact;
