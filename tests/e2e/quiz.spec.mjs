// Quiz mode: the student types each value before it is shown; nothing leaks into the page first,
// not through the exports and not through the teaching panels (issue 10 item 6, issue 14 item 7).
import { readFile } from 'node:fs/promises';

const LINK = '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&quiz=1&step=3';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

async function exportAs(page, label) {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: label }).click(),
  ]);
  return (await readFile(await download.path())).toString('utf8');
}

/** Values of the paper's trace (Tables 2 and 3) that come after step 2: v1 = ln 2 on, the gradient. */
const LATER = ['0.693', '0.6931471805599453', '10.693', '11.652', '−0.959', '-0.958', '5.5', '1.716'];
const leaks = (text) => LATER.filter((v) => text.includes(v));

export default [
  {
    name: 'quiz: no value leaks before it is answered; wrong, then right, then the timeline moves on',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await page.goto(LINK);
      const field = page.getByLabel('Value of v1');
      await field.waitFor();
      // v1 = ln 2 = 0.6931…: not in the DOM in any form, not in a data-value, not in the graph.
      const html = await page.content();
      assert(
        !html.includes('0.693') && !html.includes('0.6931471805599453'),
        'the value of v1 is not in the page',
      );
      assert((await page.locator('[data-value]').count()) === 2, 'only the two answered rows carry values');
      const current = page.locator('[aria-current="step"]');
      assert((await current.getAttribute('data-target')) === 'v1', 'the question is v1');
      assert((await current.getAttribute('data-value')) === null, 'the asked row carries no value');
      // → cannot skip the question.
      await page.locator('.graph-panel').click({ position: { x: 10, y: 10 } });
      await page.keyboard.press('ArrowRight');
      assert((await current.getAttribute('data-target')) === 'v1', '→ does not skip an unanswered step');
      await field.fill('0.7');
      await field.press('Enter');
      await page.waitForSelector('.quiz-wrong');
      const feedback = await page.locator('.quiz-feedback').innerText();
      assert(feedback.includes('natural logarithm'), `the rule is named: ${feedback}`);
      assert(!feedback.includes('0.693'), 'the feedback does not give the answer away');
      await screenshot(page, 'quiz-wrong');
      await field.fill('0.693');
      await field.press('Enter');
      await page.waitForSelector('[data-target="v1"][data-kind="primal"][data-value]');
      const score = await page.locator('.quiz-score').innerText();
      assert(score.includes('1 right') && score.includes('1 wrong'), `score: ${score}`);
      await page.locator('.graph-panel').click({ position: { x: 10, y: 10 } });
      await page.keyboard.press('ArrowRight');
      await page.getByLabel('Value of v2').waitFor();
      assert((await page.locator('[aria-current="step"]').getAttribute('data-target')) === 'v2', 'on to v2');
      // Show reveals without scoring a right answer.
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForSelector('[data-target="v2"][data-kind="primal"][data-value="10"]');
      assert((await page.locator('.quiz-score').innerText()).includes('1 shown'), 'shown counted');
      await screenshot(page, 'quiz-shown');
    },
  },
  {
    name: 'quiz: exports and the Jacobian, finite-difference and symbolic panels show no value not yet answered',
    timeout: 60_000,
    run: async ({ newPage }) => {
      const page = await newPage();
      await page.goto(LINK);
      await page.getByLabel('Value of v1').waitFor();
      // The trace files hold the answered steps only (v−1 = 2, v0 = 5).
      const csv = await exportAs(page, 'Trace as CSV');
      assert(csv.trim().split('\n').length === 3, `CSV: a header and 2 answered steps:\n${csv}`);
      // The SVG's text (labels, values, tooltips), not its coordinates.
      const svgText = (svg) => [...svg.matchAll(/>([^<]*)</g)].map((m) => m[1]).join(' | ');
      for (const label of [
        'Trace as CSV',
        'Trace as Markdown',
        'Trace as LaTeX (booktabs)',
        'Graph as SVG',
      ]) {
        const file = label === 'Trace as CSV' ? csv : await exportAs(page, label);
        const text = label === 'Graph as SVG' ? svgText(file) : file;
        assert(leaks(text).length === 0, `${label} gives away ${leaks(text)}`);
      }
      const svg = await exportAs(page, 'Graph as SVG');
      assert(svg.includes('data-node="v1"') && svgText(svg).includes('v = 5'), 'the SVG is the graph');
      for (const [tab, hidden] of [
        ['Jacobian', '[data-cell][data-value]'],
        ['Finite differences', '[data-fd]'],
        ['Symbolic', '[data-ad], [data-symbolic]'],
      ]) {
        await page.getByRole('tab', { name: tab }).click();
        await page.locator('.quiz-later').waitFor();
        assert((await page.locator(hidden).count()) === 0, `${tab}: ${hidden}`);
        const text = await page.locator('#side-body').innerText();
        assert(leaks(text).length === 0, `${tab} gives away ${leaks(text)}`);
        assert(text.includes('once every step of the trace is answered'), `${tab} says why`);
      }
      // The page's text, and every attribute that carries words or values (not coordinates).
      const said = await page.evaluate(
        () =>
          document.body.innerText +
          [...document.querySelectorAll('[title], [data-value], [aria-label], title')]
            .map((e) => [
              e.getAttribute('title'),
              e.dataset?.value,
              e.getAttribute('aria-label'),
              e.textContent,
            ])
            .join(' '),
      );
      assert(leaks(said).length === 0, `the page gives away ${leaks(said)}`);
      // Once every step is answered, the panels show their numbers (∂y/∂x1 = 5.5, Table 3).
      await page.goto('/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&quiz=1&step=24&view=fd');
      await page.waitForSelector('[data-fd="ad"]');
      assert((await page.getAttribute('[data-fd="ad"]', 'data-value')) === '5.5', 'FD after the quiz');
      assert((await page.locator('.quiz-later').count()) === 0, 'nothing withheld after the quiz');
    },
  },
  {
    name: 'quiz: the precision stands beside the field; an answer that rounds to the shown value is right; answering moves no row',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      // v1 = x·x at x = 0.8322 is 0.69255684 (0.6925568400000001 in doubles), shown 0.693.
      await page.goto('/#v=1&f=x*x&at=x:0.8322&quiz=1&step=2');
      const field = page.getByLabel('Value of v1');
      await field.waitFor();
      const precision = page.locator('.quiz-precision');
      assert((await precision.innerText()) === '3 decimals, as in the table', await precision.innerText());
      const [f, p] = [await field.boundingBox(), await precision.boundingBox()];
      const near = Math.abs(p.y - f.y) < 60 && Math.abs(p.x - (f.x + f.width)) < 200;
      assert(
        near,
        `the precision is beside the field: field ${JSON.stringify(f)}, text ${JSON.stringify(p)}`,
      );
      const rects = () =>
        page.$$eval('[data-kind]', (rows) =>
          rows.map((r) => {
            const b = r.getBoundingClientRect();
            return `${r.dataset.kind}:${r.dataset.target}:${Math.round(b.top)}:${Math.round(b.height)}`;
          }),
        );
      const before = await rects();
      await field.fill('0.5');
      await field.press('Enter');
      await page.waitForSelector('.quiz-wrong');
      assert(JSON.stringify(await rects()) === JSON.stringify(before), 'the feedback moved rows');
      await screenshot(page, 'quiz-feedback-floats');
      // 0.6934 rounds to the 0.693 shown, though it is 0.0008 (0.12 %) from 0.69255684.
      await field.fill('0.6934');
      await field.press('Enter');
      await page.waitForSelector('[data-target="v1"][data-kind="primal"][data-value^="0.69255684"]');
    },
  },
];
