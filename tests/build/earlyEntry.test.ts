/**
 * The page's first script is written into the built page before the main script
 * (build/earlyEntry.ts): module scripts run in document order, so placed after it, it would wait for
 * the whole main script and gain nothing.
 */
import { describe, expect, it } from 'vitest';
import { withEarlyScript } from '../../build/earlyEntry';

const PAGE = `<head>
    <title>Wengert</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/core-def.js">
  </head>`;

describe('withEarlyScript', () => {
  it('puts the early chunk before the first module script, relative to the page', () => {
    const html = withEarlyScript(PAGE, 'assets/early-xyz.js');
    const early = html.indexOf('<script type="module" crossorigin src="./assets/early-xyz.js"></script>');
    const main = html.indexOf('src="./assets/index-abc.js"');
    expect(early).toBeGreaterThan(html.indexOf('<title>'));
    expect(early).toBeLessThan(main);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('drops the modulepreload link for the early chunk, which its script tag fetches already', () => {
    const page = PAGE.replace(
      '</head>',
      '  <link rel="modulepreload" crossorigin href="./assets/early-xyz.js">\n  </head>',
    );
    const html = withEarlyScript(page, 'assets/early-xyz.js');
    expect(html.match(/early-xyz\.js/g)).toHaveLength(1);
    expect(html).toContain('<link rel="modulepreload" crossorigin href="./assets/core-def.js">');
  });

  it('refuses a page without a module script rather than drop the early script silently', () => {
    expect(() => withEarlyScript('<head></head>', 'assets/early.js')).toThrow(/no module script/);
  });
});
