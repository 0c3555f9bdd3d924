// Programs on the page (issue 11): each program of the gallery opens from its link, steps to the end,
// and shows what control flow did. Checked against oracles nobody here wrote: the closed-form values
// and derivatives (√a and 1/(2√a), x⁸ and 8x⁷, ∛a and 1/(3∛a²), the branch's slope), the number of
// loop tests the same loop makes in plain JavaScript, and the page's own contract hooks.

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const PROGRAMS = [
  {
    title: 'Babylonian square root (while)',
    at: { a: 2 },
    value: Math.SQRT2,
    gradient: 1 / (2 * Math.SQRT2),
    // The same loop in JavaScript: how many tests it makes (each iteration's, and the one that ends it).
    decisions: (() => {
      let r = 2;
      let n = 1;
      while (Math.abs(r * r - 2) > 1e-12 * 2) {
        r = (r + 2 / r) / 2;
        n++;
      }
      return n;
    })(),
    frames: /^iteration \d+$/,
  },
  {
    title: 'Repeated squaring (for)',
    at: { x: 1.1 },
    value: 1.1 ** 8,
    gradient: 8 * 1.1 ** 7,
    decisions: 4,
    frames: /^i = [123]$/,
  },
  {
    title: 'Piecewise function (if)',
    at: { x: -0.25 },
    value: -0.125,
    gradient: 0.5,
    decisions: 1,
    frames: /^if x < 0$/,
  },
  {
    title: 'Logistic map unrolled (for)',
    at: { x: 0.3 },
    value: (() => {
      let l = 0.3;
      for (let i = 0; i < 4; i++) l = 4 * l * (1 - l);
      return l;
    })(),
    gradient: null, // compared with the expression-swell example below
    decisions: 5,
    frames: /^i = [1-4]$/,
  },
  {
    title: 'Newton’s method for a cube root',
    at: { a: 2 },
    value: Math.cbrt(2),
    gradient: 1 / (3 * Math.cbrt(2) ** 2),
    decisions: 5,
    frames: /^i = [1-4]$/,
    tolerance: 1e-6, // four Newton steps from 1 are converged to about 1e-9
  },
];

const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

export default [
  {
    name: 'each program of the gallery opens from its link, steps to the end, and shows its decisions and loop frames',
    timeout: 120_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await page.goto('/');
      await page.waitForSelector('[data-node]');
      for (const p of PROGRAMS) {
        const before = await page.locator('.editor-input').inputValue();
        await page.getByLabel('Examples').selectOption({ label: p.title });
        await page.waitForFunction((b) => document.querySelector('.editor-input')?.value !== b, before);
        // The link carries the program (new lines included) once the page has taken it in.
        await page.waitForFunction(() => {
          const f = new URLSearchParams(location.hash.slice(1)).get('f');
          return f !== null && f.includes('\n') && f === document.querySelector('.editor-input')?.value;
        });
        await page.waitForSelector('[data-kind="decision"]');
        const text = await page.locator('.editor-input').inputValue();
        const hash = await page.evaluate(() => location.hash);
        const again = await newPage();
        await again.goto(`/${hash}`);
        await again.waitForSelector('[data-node]');
        assert(
          (await again.locator('.editor-input').inputValue()) === text,
          `${p.title}: the link did not reopen the program`,
        );
        await again.close();

        // Line numbers: the editor is a code field with one number per line.
        const lines = await page.locator('.editor-line').count();
        assert(
          lines === text.split('\n').length,
          `${p.title}: ${lines} numbered lines for ${text.split('\n').length}`,
        );

        // To the last step.
        await page.locator('body').click({ position: { x: 2, y: 2 } });
        await page.keyboard.press('End');
        await page.waitForFunction(() => {
          const c = document.querySelector('[aria-current="step"]');
          return c && c.getAttribute('data-kind') === 'adjoint';
        });

        // Decisions: one row each, no node, no tangent and no adjoint, a value of 1 or 0.
        const decisions = await page.$$eval('[data-kind="decision"]', (rows) =>
          rows.map((r) => ({
            target: r.getAttribute('data-target'),
            value: r.getAttribute('data-value'),
            side: r.getAttribute('data-side'),
          })),
        );
        assert(
          decisions.length === p.decisions,
          `${p.title}: ${decisions.length} decision rows, expected ${p.decisions}`,
        );
        assert(
          decisions.every((d) => d.target === null && (d.value === '1' || d.value === '0')),
          `${p.title}: a decision row assigns a node`,
        );

        // Frames: loop iterations or the branch side, labelled.
        const frames = await page.$$eval('[data-group]', (gs) => gs.map((g) => g.getAttribute('data-group')));
        assert(
          frames.length > 0 && frames.every((f) => p.frames.test(f)),
          `${p.title}: frames ${JSON.stringify(frames)}`,
        );

        // The results strip: the output's value and its gradient, against the closed forms.
        const [name] = Object.keys(p.at);
        const value = Number(
          await page.locator('[data-result^="value:"]').first().getAttribute('data-value'),
        );
        assert(
          close(value, p.value, p.tolerance ?? 1e-12),
          `${p.title}: value ${value}, expected ${p.value}`,
        );
        if (p.gradient !== null) {
          const g = Number(await page.locator(`[data-result="reverse:${name}"]`).getAttribute('data-value'));
          assert(
            close(g, p.gradient, p.tolerance ?? 1e-9),
            `${p.title}: gradient ${g}, expected ${p.gradient}`,
          );
        }
        if (p.title.startsWith('Babylonian')) await screenshot(page, 'programs-babylonian-end');
        if (p.title.startsWith('Piecewise')) await screenshot(page, 'programs-piecewise-end');
      }
    },
  },
  {
    name: 'the logistic map as a loop and as straight-line statements: the same value and derivative',
    run: async ({ newPage }) => {
      const page = await newPage();
      const read = async (title, input) => {
        await page.getByLabel('Examples').selectOption({ label: title });
        await page.waitForFunction(
          (t) => [...document.querySelectorAll('option')].some((o) => o.selected && o.textContent === t),
          title,
        );
        await page.locator('body').click({ position: { x: 2, y: 2 } });
        await page.keyboard.press('End');
        await page.waitForFunction(
          () => document.querySelector('[aria-current="step"]')?.getAttribute('data-kind') === 'adjoint',
        );
        return Number(await page.locator(`[data-result="reverse:${input}"]`).getAttribute('data-value'));
      };
      await page.goto('/');
      await page.waitForSelector('[data-node]');
      const loop = await read('Logistic map unrolled (for)', 'x');
      const straight = await read('Expression swell (logistic map)', 'x');
      assert(Number.isFinite(loop) && loop === straight, `loop ${loop} vs straight-line ${straight}`);
    },
  },
  {
    name: 'a new value that lengthens the path: whoever stood at the last step stays there; elsewhere the step is kept',
    run: async ({ newPage }) => {
      const page = await newPage();
      // x = 0.5 takes the else branch (3 nodes), x = 2 the if branch (4 nodes): a longer trace.
      const text = 'y = x\nif x > 1 { z = ln(y)*x } else { z = y*y }\nreturn z';
      await page.goto(`/#v=1&f=${encodeURIComponent(text)}&at=x:0.5&step=999`);
      await page.waitForSelector('[data-node]');
      const shown = async () => {
        const t = await page.locator('.timeline-row').innerText();
        const m = t.match(/Step\s+(\d+)\s+of\s+(\d+)/);
        return m ? [Number(m[1]), Number(m[2])] : null;
      };
      const waitFor = (total) =>
        page.waitForFunction(
          (n) => new RegExp(`of\\s+${n}\\b`).test(document.querySelector('.timeline-row').innerText),
          total,
        );
      const [end, total] = await shown();
      assert(end === total, `opened at the end: ${end} of ${total}`);
      const x = page.getByLabel('x', { exact: true });
      await x.fill('2');
      await waitFor(total + 3);
      const [end2, total2] = await shown();
      assert(end2 === total2 && total2 > total, `still at the end: ${end2} of ${total2}`);
      // ln(x)·x at 2 has the slope ln 2 + 1: the reverse result is shown, not a dash.
      const strip = await page.locator('.results').innerText();
      assert(strip.includes((Math.log(2) + 1).toPrecision(4).slice(0, 5)), `the gradient is shown: ${strip}`);
      // Part-way through, the step is kept as it is.
      await x.fill('0.5');
      await waitFor(total);
      await page.getByRole('button', { name: 'Step back', exact: true }).click();
      await page.getByRole('button', { name: 'Step back', exact: true }).click();
      const [mid] = await shown();
      await x.fill('2');
      await waitFor(total2);
      const [kept] = await shown();
      assert(kept === mid, `part-way: step ${kept}, was ${mid}`);
    },
  },
  {
    name: 'finite differences across the branch boundary: the panel says the quotient mixes two branches',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      const text = 'if x < 0 {\n  y = 0.5*x\n} else {\n  y = x*x + 2*x\n}\nreturn y';
      await page.goto(`/#v=1&f=${encodeURIComponent(text)}&at=x:-0.001&step=99&view=fd`);
      await page.waitForSelector('[data-fd="central"]');
      await page
        .getByLabel(/step h|h$/i)
        .first()
        .fill('-2')
        .catch(() => {});
      // At h = 10^-2 the quotient straddles 0; the AD value is the left branch's slope, 0.5.
      const ad = Number(await page.locator('[data-fd="ad"]').getAttribute('data-value'));
      assert(ad === 0.5, `AD gives ${ad}, expected the left branch's slope 0.5`);
      await page.evaluate(() => {
        const r = document.querySelector('.fd-h input[type="range"]');
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        set.call(r, '-2');
        r.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForSelector('.fd-crosses');
      const central = Number(await page.locator('[data-fd="central"]').getAttribute('data-value'));
      const f = (x) => (x < 0 ? 0.5 * x : x * x + 2 * x);
      const expected = (f(-0.001 + 0.01) - f(-0.001 - 0.01)) / 0.02;
      assert(close(central, expected, 1e-9), `central difference ${central}, expected ${expected}`);
      await screenshot(page, 'programs-fd-boundary');
    },
  },
];
