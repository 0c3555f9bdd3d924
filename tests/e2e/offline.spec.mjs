// The offline file: `npm run build:single` writes one HTML file that shows the paper's example when
// opened with file:// and fetches nothing from any network.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'dist-single/wengert.html');

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

export default [
  {
    name: 'the single HTML file runs from file:// with no network',
    timeout: 120_000,
    run: async ({ newPage, screenshot }) => {
      const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-single.mjs')], {
        encoding: 'utf8',
        cwd: ROOT,
      });
      assert(built.status === 0, `build:single failed:\n${built.stderr}`);
      assert(existsSync(FILE), 'dist-single/wengert.html exists');
      const page = await newPage();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${pathToFileURL(FILE).href}#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=99`);
      await page.waitForSelector('[data-kind] .katex');
      const values = await page.$$eval('[data-kind="adjoint"]', (rows) =>
        rows.map((r) => Number(r.getAttribute('data-value'))),
      );
      assert(values.length === 9, `nine adjoint rows, got ${values.length}`);
      assert(
        Math.abs(values[8] - 5.5) < 1e-12 && Math.abs(values[7] - 1.7163378145367738) < 1e-12,
        `Table 3's last values: ${values}`,
      );
      assert((await page.locator('[data-node]').count()) === 7, 'the graph is drawn');
      const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
      assert(outside.length === 0, `no request leaves the file: ${outside.join(', ')}`);
      // KaTeX's fonts are inlined: the math font is really in use.
      const fontOk = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some(
          (f) => f.family.replace(/"/g, '') === 'KaTeX_Math' && f.status === 'loaded',
        );
      });
      assert(fontOk, 'KaTeX_Math is loaded');
      await screenshot(page, 'offline-file');
    },
  },
];
