// The Jacobian tab and the results strip under the timeline count the same sweeps (QA: on the link
// below the tab said "1 of 2 sweeps done" with ∂y/∂x1 = 5.5, assuming e(x1)'s sweep had run because
// e(x2) is seeded; the strip beside it, which counted only the sweeps run on the page, said "0 of 2").
// A link now opens, in both, with the sweeps its seeds come after (its author ran them in order, and
// the state lives in the link); sweeps started over on the page are counted as they run.
// Values are Table 2's (Baydin et al. 2018, tests/fixtures/baydin2018-tables.json).
import { readFileSync } from 'node:fs';

const paper = JSON.parse(
  readFileSync(new URL('../fixtures/baydin2018-tables.json', import.meta.url), 'utf8'),
);
const QA = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x2&step=10&view=jacobian';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}
function close(a, b, message, tol = 1e-12) {
  assert(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${message}: got ${a}, expected ${b}`);
}

/** What each says: the panel's forward count, the strip's, and ∂y/∂x_j in both (null for not yet). */
async function counts(page) {
  return page.evaluate(() => {
    const label = document.querySelector('.result-tangent .result-label')?.textContent ?? '';
    const m = /(\d+) of (\d+)/i.exec(label);
    const value = (el) =>
      el && el.hasAttribute('data-value') ? Number(el.getAttribute('data-value')) : null;
    const of = (x) => ({
      panel: value(document.querySelector(`.jac-forward [data-cell="y/${x}"][data-state="filled"]`)),
      strip: value(document.querySelector(`[data-result="forward:${x}"]`)),
    });
    return {
      panel: document.querySelector('.jac-mode-forward [data-sweeps]')?.getAttribute('data-sweeps') ?? null,
      strip: m ? `${m[1]}/${m[2]}` : null,
      x1: of('x1'),
      x2: of('x2'),
    };
  });
}

/** Waits until both say `sweeps` (e.g. "1/2"), then returns what they say. */
async function bothSay(page, sweeps, what) {
  try {
    await page.waitForFunction(
      (want) => {
        const label = document.querySelector('.result-tangent .result-label')?.textContent ?? '';
        const m = /(\d+) of (\d+)/i.exec(label);
        const panel = document.querySelector('.jac-mode-forward [data-sweeps]')?.getAttribute('data-sweeps');
        return panel === want && m !== null && `${m[1]}/${m[2]}` === want;
      },
      sweeps,
      { timeout: 5000 },
    );
  } catch {
    throw new Error(`${what}: both should say ${sweeps}; they say ${JSON.stringify(await counts(page))}`);
  }
  return counts(page);
}

/** The panel and the strip show the same columns, with the same values. */
function sameColumns(c, what) {
  for (const x of ['x1', 'x2'])
    assert(
      c[x].panel === c[x].strip,
      `${what}: ∂y/∂${x} is ${c[x].panel} in the panel, ${c[x].strip} in the strip`,
    );
}

export default [
  {
    name: 'Jacobian tab and results strip: the same count of sweeps on seed=x2&step=10, then 2 of 2',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await page.goto(`/${QA}`);
      await page.waitForSelector('.jac-matrix');
      await page.waitForSelector('[data-result]');
      await page.waitForTimeout(150);

      // The link comes after e(x1)'s sweep: its column in both; e(x2)'s is under way.
      let c = await bothSay(page, '1/2', 'the link');
      sameColumns(c, 'the link');
      close(c.x1.panel, paper.gradient.x1, 'the panel’s ∂y/∂x1');
      assert(c.x2.panel === null, `∂y/∂x2 is not filled before its sweep ends: ${c.x2.panel}`);
      await screenshot(page, 'jacobian-strip-link');

      // The timeline finishes e(x2)'s sweep: the whole Jacobian, in both.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      c = await bothSay(page, '2/2', 'e(x2) swept');
      sameColumns(c, 'e(x2) swept');
      close(c.x2.panel, paper.gradient.x2, 'the panel’s ∂y/∂x2');
      const next = page.locator('.jac-mode-forward button');

      // Start over, then run the sweeps from the panel: each counted in both as it ends.
      await next.click();
      await page.waitForFunction(() => location.hash.includes('seed=x1'));
      c = await counts(page);
      assert(c.panel === c.strip, `while e(x1)'s sweep runs: ${JSON.stringify(c)}`);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      c = await bothSay(page, '1/2', 'e(x1) swept again');
      sameColumns(c, 'e(x1) swept again');
      assert(c.x2.strip === null, `after starting over ∂y/∂x2 waits for its sweep: ${c.x2.strip}`);
      await page.getByRole('button', { name: /Run forward sweep 2/ }).click();
      await page.waitForFunction(() => location.hash.includes('seed=x2'));
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      c = await bothSay(page, '2/2', 'both swept');
      sameColumns(c, 'both swept');
      close(c.x1.strip, paper.gradient.x1, 'the strip’s ∂y/∂x1');
      close(c.x2.strip, paper.gradient.x2, 'the strip’s ∂y/∂x2');
      assert(
        (await next.innerText()).startsWith('Start over: forward sweep 1'),
        'the panel offers to start over',
      );
      await screenshot(page, 'jacobian-strip-both');
    },
  },
];
