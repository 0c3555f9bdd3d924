import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { katexSubset } from './build/katexSubset.js';
import { woff2Only } from './build/woff2Only.js';
import { fontPreload } from './build/fontPreload.js';
import { earlyEntry } from './build/earlyEntry.js';

/**
 * A Content-Security-Policy for the built page: no inline or foreign scripts, no plugins, no base
 * tag. Only at build time, because the dev server injects an inline script for hot reload.
 * KaTeX positions glyphs with style attributes, hence 'unsafe-inline' for styles only.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'wengert-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

/**
 * The page is written against React's API and runs on Preact's implementation of it
 * (`preact/compat`): React DOM was 207 of the 431 KB of the main script, and its parse, compile and
 * first render were on the path of every cold open (issue 13, docs/PERFORMANCE.md). The types stay
 * React's (`@types/react`); every import of `react` or `react-dom`, ours and our dependencies'
 * (Zustand), resolves to Preact, in the build and in the unit tests alike.
 */
const REACT_ON_PREACT = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react$/, replacement: 'preact/compat' },
];

// `base: './'` makes the built `dist/` work from any sub-path (a course page, a USB stick).
export default defineConfig({
  base: './',
  resolve: { alias: REACT_ON_PREACT },
  // JSX through React's automatic runtime (`react/jsx-runtime`, aliased above to Preact's).
  oxc: { jsx: { runtime: 'automatic' } },
  // katexSubset: KaTeX with only the commands, fonts and macros our TeX uses (build/katexSubset.ts).
  plugins: [katexSubset(), contentSecurityPolicy(), woff2Only(), fontPreload(), earlyEntry()],
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser the es2022 target admits preloads modules itself, or, if not, still loads the lazy
    // chunk when it is imported; the polyfill cost 232 bytes gzip of the first load and 4 ms at start.
    modulePreload: { polyfill: false },
    // Fonts are files of their own, never inlined into the stylesheet: Vite inlines assets under
    // 4 KiB, which put KaTeX_Size3 (a large-delimiter face the page rarely typesets) into the first
    // load as 4.9 KB of base64, 4.1 KiB gzip of a 11.1 KiB stylesheet. As a file it loads only when
    // a formula needs it. (The single-file build inlines everything; it sets its own limit.)
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf|eot)$/.test(file) ? false : undefined),
    // The modules the page's first script imports (the rule table, the parser, the tape, the trace,
    // the layout) are one chunk with it, which the main script and the lazy parts import in turn
    // (build/earlyEntry.ts). Before, Rolldown gave the shared ones chunks of their own.
  },
  test: {
    include: [
      'tests/core/**/*.test.ts',
      'tests/ui/**/*.test.{ts,tsx}',
      'tests/state/**/*.test.ts',
      'tests/cli/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/build/**/*.test.ts',
      'tests/bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60000,
    // Processed by Vite, so that their imports of `react` and `preact` meet the aliases above and
    // the one copy of Preact the components use.
    server: { deps: { inline: [/@testing-library\/preact/, /\/preact\//, /zustand/] } },
  },
});
