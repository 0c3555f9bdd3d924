/**
 * The page's first script (src/early.ts) as an entry of its own, written into the built page before
 * the main script. Module scripts run in document order once each is ready, so it runs as soon as
 * its chunk has arrived, while the main script is still arriving and being compiled, and the main
 * script finds its work done. Its chunk holds everything it imports, and the main script and the
 * lazy parts import that code from it (evaluated once). Not in the single-file build (one inline
 * script) nor the dev server, where the page's start does the same work itself.
 */
import path from 'node:path';
import type { Plugin } from 'vite';

export const EARLY_ENTRY = 'early';

/**
 * The page with `<script>` for the early chunk (`file`, relative to the page) before its first module
 * script, and without the `modulepreload` link Vite writes for it as an import of the main script:
 * the script tag fetches it already.
 */
export function withEarlyScript(html: string, file: string): string {
  const tag = `<script type="module" crossorigin src="./${file}"></script>`;
  const at = html.indexOf('<script type="module"');
  if (at < 0) throw new Error('the built page has no module script to put the early script before');
  const page = `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.replace(new RegExp(`\\n?[ \\t]*<link rel="modulepreload"[^>]*href="\\./${escaped}"[^>]*>`), '');
}

export function earlyEntry(): Plugin {
  let enabled = false;
  return {
    name: 'wengert-early-entry',
    apply: 'build',
    config(config, env) {
      enabled = env.mode !== 'single';
      if (!enabled) return;
      const root = config.root ?? process.cwd();
      return {
        build: {
          rolldownOptions: {
            input: {
              index: path.resolve(root, 'index.html'),
              [EARLY_ENTRY]: path.resolve(root, 'src/early.ts'),
            },
            // The early script and everything it imports in one file, which the main script imports
            // in turn: split into three chunks (the entry, the shared modules, the rule table), the
            // early script waited for the slowest of three responses before it could start (issue 13).
            output: {
              advancedChunks: {
                // (a group takes in the modules its members import: `includeDependenciesRecursively`)
                groups: [{ name: EARLY_ENTRY, test: /\/src\/early\.ts$/, priority: 1 }],
              },
            },
          },
        },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!enabled || !ctx.bundle) return html;
        const chunk = Object.values(ctx.bundle).find(
          (c) => c.type === 'chunk' && c.isEntry && c.name === EARLY_ENTRY,
        );
        if (!chunk) throw new Error('the early entry was not built');
        return withEarlyScript(html, chunk.fileName);
      },
    },
  };
}
