import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
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

// `base: './'` makes the built `dist/` work from any sub-path (a course page, a USB stick).
export default defineConfig({
  base: './',
  // katexSubset: KaTeX with only the commands, fonts and macros our TeX uses (build/katexSubset.ts).
  plugins: [katexSubset(), react(), contentSecurityPolicy(), woff2Only(), fontPreload(), earlyEntry()],
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
    // The rule table, the flat sweeps, number formatting and the sweep helpers are shared by the page
    // and its lazy parts; Rolldown gave each a chunk of its own, more files in the first load (two
    // more once presentation mode was split off). One chunk for them: 0.2-0.4 KiB gzip less.
    rolldownOptions: {
      output: {
        advancedChunks: {
          groups: [{ name: 'core', test: /\/src\/core\/(rules|flat|format|sweep\/sweeps)\.ts$/ }],
        },
      },
    },
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
  },
});
