// The teaching panels opened from links, as a class would: dual numbers and forward mode on the
// paper's example (Baydin et al. 2018, Table 2, from tests/fixtures/baydin2018-tables.json), the
// Jacobian explorer on the paper's example and on the 3×3 example of the issue, finite differences
// and the symbolic derivative. Each test screenshots what it opened; the runner fails any test whose
// page logged an error.
import { readFileSync } from 'node:fs';

const paper = JSON.parse(
  readFileSync(new URL('../fixtures/baydin2018-tables.json', import.meta.url), 'utf8'),
);
const PAPER = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';
const THREE = `#v=1&f=${encodeURIComponent('p = a*b*c; q = a + b^2 + c^3; r = cos(a - c)')}&at=a:1,b:2,c:0.5`;
const SWELL = `#v=1&f=${encodeURIComponent('l2 = 4*x*(1 - x)\nl3 = 4*l2*(1 - l2)\nl4 = 4*l3*(1 - l3)\nl5 = 4*l4*(1 - l4)')}&at=x:0.3`;

function assert(ok, message) {
  if (!ok) throw new Error(message);
}
function close(a, b, message, tol = 1e-12) {
  assert(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${message}: got ${a}, expected ${b}`);
}

async function open(page, hash, selector) {
  await page.goto(`/${hash}`);
  await page.waitForSelector(selector);
  // Let layout and fonts settle before a screenshot.
  await page.waitForTimeout(150);
}

/** The cells of one of the Jacobian matrices: name → { state, value }. */
async function cells(page, mode) {
  return page.$$eval(`.jac-${mode} [data-cell]`, (els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-cell'),
        {
          state: el.getAttribute('data-state'),
          value: el.hasAttribute('data-value') ? Number(el.getAttribute('data-value')) : null,
        },
      ]),
    ),
  );
}

export default [
  {
    name: 'dual numbers: Table 2 as v + v̇ε in the graph and in the table',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=10&dual=1`, '[data-kind]');
      assert(await page.getByLabel('Dual numbers').isChecked(), 'the dual toggle is on');
      const p = paper.table2_forward_primal;
      const t = paper.table2_forward_tangent_seed_x1;
      for (const i of [0, 1, 2]) {
        const text = await page.locator(`[data-node="${p[i].id}"] [data-dual]`).textContent();
        assert(text === `${p[i].printed} + ${t[i].printed}ε`, `graph ${p[i].id} shows ${text}`);
      }
      const row = page.locator('[data-kind="tangent"][data-target="v1"]');
      assert((await row.getAttribute('aria-current')) === 'step', 'the tangent row of v1 is current');
      // The row is typeset as its formula, then its numbers (RowTex): their sources, in order.
      const annotation = (await row.locator('annotation').allTextContents()).join(' ');
      assert(
        annotation.includes('\\ln (2 + 1 \\, \\varepsilon) = 0.693 + 0.5 \\, \\varepsilon'),
        `row TeX: ${annotation}`,
      );
      assert((await page.locator('.dual-legend .katex').count()) === 1, 'the dual rule of ln is shown');
      await screenshot(page, 'teach-dual');
    },
  },
  {
    name: 'forward mode: v and v̇ in the same step, then the reverse sweep',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=4&dual=1&mode=forward`, '[data-kind]');
      assert((await page.locator('[data-kind="primal"]').count()) === 0, 'no separate primal rows');
      const forward = await page.$$eval('[data-kind="tangent"]', (els) =>
        els.map((e) => e.getAttribute('data-target')),
      );
      assert(
        JSON.stringify(forward) === JSON.stringify(paper.table2_forward_primal.map((r) => r.id)),
        'one row per node',
      );
      assert(
        (await page.locator('[data-kind="adjoint"]').count()) ===
          paper.table3_reverse_adjoint_in_execution_order.length,
        'the reverse sweep follows',
      );
      const v2 = await page.locator('[data-node="v2"] [data-dual]').textContent();
      assert(v2 === '10 + 5ε', `v2 is computed with its tangent in step 4: ${v2}`);
      assert((await page.locator('[data-node="v3"] [data-dual]').count()) === 0, 'v3 not yet');
      assert(
        (await page.locator('.band', { hasText: 'forward mode' }).count()) === 1,
        'one band for forward mode',
      );
      assert(
        (await page.locator('.caption').textContent()).includes('v2 and v̇2 in one step'),
        'caption says so',
      );
      await screenshot(page, 'teach-forward-mode');
    },
  },
  {
    name: "Jacobian on the paper's example: two forward sweeps or one reverse sweep fill the 1×2 matrix",
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=999&view=jacobian`, '.jac-matrix');
      let forward = await cells(page, 'forward');
      const reverse = await cells(page, 'reverse');
      assert(
        forward['y/x1'].state === 'filled' && forward['y/x2'].state === 'empty',
        'one forward sweep done',
      );
      close(reverse['y/x1'].value, paper.gradient.x1, 'reverse ∂y/∂x1');
      close(reverse['y/x2'].value, paper.gradient.x2, 'reverse ∂y/∂x2');
      assert(
        (await page.locator('[data-cheaper]').getAttribute('data-cheaper')) === 'reverse',
        'reverse is cheaper',
      );
      await screenshot(page, 'teach-jacobian-paper');
      await page.getByRole('button', { name: /Run forward sweep 2/ }).click();
      await page.waitForFunction(() => location.hash.includes('seed=x2'));
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      forward = await cells(page, 'forward');
      close(forward['y/x1'].value, paper.gradient.x1, 'forward ∂y/∂x1');
      close(forward['y/x2'].value, paper.gradient.x2, 'forward ∂y/∂x2');
      assert(
        (await page.locator('.jac-mode-forward [data-sweeps]').getAttribute('data-sweeps')) === '2/2',
        'two sweeps',
      );
      await screenshot(page, 'teach-jacobian-paper-two-sweeps');
    },
  },
  {
    name: 'Jacobian of p = a*b*c; q = a + b^2 + c^3; r = cos(a - c): both modes fill the same 3×3 matrix',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${THREE}&seed=c&aseed=r&step=999&view=jacobian`, '.jac-matrix');
      const [a, b, c] = [1, 2, 0.5];
      const expected = {
        p: [b * c, a * c, a * b],
        q: [1, 2 * b, 3 * c * c],
        r: [-Math.sin(a - c), 0, Math.sin(a - c)],
      };
      const forward = await cells(page, 'forward');
      const reverse = await cells(page, 'reverse');
      for (const [out, row] of Object.entries(expected)) {
        row.forEach((value, k) => {
          const key = `${out}/${'abc'[k]}`;
          assert(forward[key].state === 'filled' && reverse[key].state === 'filled', `${key} filled in both`);
          close(forward[key].value, value, `forward ${key}`);
          close(reverse[key].value, value, `reverse ${key}`);
        });
      }
      await screenshot(page, 'teach-jacobian-3x3');
    },
  },
  {
    name: 'finite differences: the V-shaped error curve, the best h, and h in the link',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=999&view=fd&h=-5`, '.fd-plot');
      const value = async (k) => Number(await page.locator(`[data-fd="${k}"]`).getAttribute('data-value'));
      close(await value('ad'), paper.gradient.x1, 'AD value');
      const central5 = await value('central-error');
      assert(central5 < 1e-9, `central error at h = 1e-5 is small: ${central5}`);
      assert((await page.locator('.fd-best').count()) === 2, 'best h marked on both curves');
      await screenshot(page, 'teach-fd');
      await page.getByLabel('Step h (log10)').fill('-14');
      await page.waitForFunction(() => location.hash.includes('h=-14'));
      const central14 = await value('central-error');
      assert(central14 > 1e4 * central5, `round-off at h = 1e-14: ${central14} vs ${central5}`);
      await screenshot(page, 'teach-fd-small-h');
    },
  },
  {
    name: 'symbolic: the swell of the logistic map, and the derivative equals AD',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${SWELL}&aseed=l4&step=999&view=symbolic`, '.sym-check');
      assert(
        (await page.locator('.sym-check').getAttribute('class')).includes('is-ok'),
        'symbolic value = AD value',
      );
      const df = Number(await page.locator('[data-size="df"]').textContent());
      const steps = Number(await page.locator('[data-size="trace"]').textContent());
      assert(steps === 9 && df > 10 * steps, `swell: ${df} nodes against ${steps} steps`);
      assert(
        (await page.locator('.sym-derivative .sym-tex .katex').count()) === 1,
        'the derivative is typeset',
      );
      await screenshot(page, 'teach-symbolic-swell');
      await open(page, `${PAPER}&step=999&view=symbolic`, '.sym-check');
      assert(
        (await page.locator('.sym-check').getAttribute('data-symbolic')) === String(paper.gradient.x1),
        '5.5',
      );
      await screenshot(page, 'teach-symbolic-paper');
    },
  },
  {
    name: 'the chosen panel is in the link and survives a reload; a bad view falls back with a notice',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, PAPER, '[data-kind]');
      await page.getByRole('tab', { name: 'Symbolic' }).click();
      await page.waitForFunction(() => location.hash.includes('view=symbolic'));
      await page.reload();
      await page.waitForSelector('.sym-check');
      assert(
        (await page.getByRole('tab', { name: 'Symbolic' }).getAttribute('aria-selected')) === 'true',
        'restored',
      );
      await open(page, `${PAPER}&view=plot`, '[data-kind]');
      assert((await page.locator('.notice').textContent()).includes('view='), 'a notice names the bad key');
    },
  },
];
