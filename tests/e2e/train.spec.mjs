// The Train panel as a class would use it: the tanh network on XOR trained for 100 steps while the
// trace of the current point stays steppable, the Rosenbrock valley with its contour plot and a log
// scale, divergence for a large η, located data errors, and training data too long for a link.
// The numbers are checked against gradient descent written here in plain JavaScript with
// central-difference gradients (no code of the app).

const XOR_TEXT = '(a1*tanh(w11*x1 + w12*x2 + b1) + a2*tanh(w21*x1 + w22*x2 + b2) + c - t)^2';
const XOR_PARAMS = ['a1', 'a2', 'b1', 'b2', 'c', 'w11', 'w12', 'w21', 'w22'];
const XOR_START = [0.2, 0.4, 0.8, -0.9, -0.7, -0.8, -0.8, -0.8, -1];
const XOR_ROWS = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 0],
];
const enc = encodeURIComponent;
const XOR =
  `#v=1&f=${enc(XOR_TEXT)}&at=${XOR_PARAMS.map((p, i) => `${p}:${XOR_START[i]}`).join(',')},t:0,x1:0,x2:0` +
  `&view=train&train=${XOR_PARAMS.join(',')}&rate=0.3&data=${enc('x1,x2,t\n0,0,0\n0,1,1\n1,0,1\n1,1,0')}`;
const VALLEY = `#v=1&f=${enc('(1 - x)^2 + 100*(y - x^2)^2')}&at=x:-1.2,y:1&view=train&train=x,y&rate=0.001`;
const LINE = `#v=1&f=${enc('(w*x + b - t)^2')}&at=b:0,t:1.1,w:0,x:0&view=train&train=w,b&rate=0.5&data=${enc('x,t\n0,1.1\n1,2.9\n2,5.2\n3,6.8\n4,9.1')}`;

function assert(ok, message) {
  if (!ok) throw new Error(message);
}
function close(a, b, message, tol = 1e-6) {
  assert(Math.abs(a - b) <= tol * Math.max(1e-12, Math.abs(b)), `${message}: got ${a}, expected ${b}`);
}

/** One row's XOR loss, written out: (a1 tanh(w11 x1 + w12 x2 + b1) + a2 tanh(…) + c − t)². */
function xorRow([a1, a2, b1, b2, c, w11, w12, w21, w22], [x1, x2, t]) {
  return (a1 * Math.tanh(w11 * x1 + w12 * x2 + b1) + a2 * Math.tanh(w21 * x1 + w22 * x2 + b2) + c - t) ** 2;
}
const xorLoss = (w) => XOR_ROWS.reduce((s, r) => s + xorRow(w, r), 0) / XOR_ROWS.length;

/** Gradient descent with central differences: the iterate after `steps` steps and its loss. */
function descend(loss, w0, rate, steps) {
  let w = [...w0];
  for (let j = 0; j < steps; j++) {
    const g = w.map((wi, i) => {
      const h = 1e-6 * Math.max(1, Math.abs(wi));
      const up = [...w];
      const down = [...w];
      up[i] += h;
      down[i] -= h;
      return (loss(up) - loss(down)) / (2 * h);
    });
    w = w.map((wi, i) => wi - rate * g[i]);
  }
  return { w, loss: loss(w) };
}

async function open(page, hash) {
  await page.goto(`/${hash}`);
  await page.waitForSelector('.train');
  await page.waitForTimeout(150);
}

export default [
  {
    name: 'XOR: 100 steps make the loss fall, the inputs move, the trace stays steppable, the link reopens',
    timeout: 60_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, XOR);
      assert(
        (await page.getByRole('tab', { name: 'Train' }).getAttribute('aria-selected')) === 'true',
        'Train tab',
      );
      await page.locator('[data-run="100"]').click();
      const status = page.locator('.train-status[data-steps="100"]');
      await status.waitFor();
      const ref = descend(xorLoss, XOR_START, 0.3, 100);
      const shown = Number(await status.getAttribute('data-loss'));
      close(shown, ref.loss, 'the loss after 100 steps');
      assert(
        shown < xorLoss(XOR_START) / 100,
        `the loss fell by two orders: ${xorLoss(XOR_START)} → ${shown}`,
      );
      // The input fields hold the trained parameters.
      for (const [i, name] of XOR_PARAMS.entries()) {
        close(Number(await page.getByLabel(name, { exact: true }).inputValue()), ref.w[i], `field ${name}`);
      }
      // The loss curve: 101 points, drawn.
      const curve = page.locator('.train-loss .train-line');
      assert((await curve.getAttribute('data-points')) === '101', 'the curve has L0 … L100');
      assert(((await curve.getAttribute('d')) ?? '').length > 100, 'the curve is drawn');
      // The first step's update rows: w = w0 − η g = w1.
      const one = descend(xorLoss, XOR_START, 0.3, 1).w;
      for (const [i, name] of XOR_PARAMS.entries()) {
        const v = Number(await page.locator(`[data-update="${name}"]`).getAttribute('data-value'));
        close(v, one[i], `update row of ${name}`);
      }
      await screenshot(page, 'train-xor-100');
      // The trace of the current point steps: → moves the timeline, End shows the output's value.
      await page.locator('.train-status').click();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() =>
        /Step\s*1\s*of/.test(document.querySelector('.timeline-row')?.textContent ?? ''),
      );
      await page.keyboard.press('End');
      await page.getByRole('tab', { name: 'Trace' }).click();
      const last = page.locator('[data-kind="primal"][data-value]').last();
      await last.waitFor();
      close(
        Number(await last.getAttribute('data-value')),
        xorRow(ref.w, XOR_ROWS[0]),
        'y at row 1 after training',
      );
      await page.getByRole('tab', { name: 'Train' }).click();
      // The link carries the run; reopening it shows the same run, to the bit.
      await page.waitForFunction(
        () =>
          location.hash.includes('steps=100') &&
          location.hash.includes('from=') &&
          location.hash.includes('view=train'),
      );
      const link = await page.evaluate(() => location.hash);
      const again = await newPage();
      await open(again, link);
      const status2 = again.locator('.train-status[data-steps="100"]');
      await status2.waitFor();
      assert(
        (await status2.getAttribute('data-loss')) === String(shown),
        'the reopened run ends at the same loss',
      );
      assert((await again.evaluate(() => location.hash)) === link, 'the reopened page writes the same link');
    },
  },
  {
    name: 'Rosenbrock: the contour plot shows the valley and the path; the log scale is in the link',
    timeout: 60_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, VALLEY);
      // Before any run the contour is there, around the current point.
      await page.locator('.train-contour .train-band').first().waitFor();
      await page.locator('[data-run="converge"]').click();
      await page.locator('.train-status[data-steps="10000"]').waitFor();
      const rosen = ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      const ref = descend(rosen, [-1.2, 1], 0.001, 10_000);
      close(
        Number(await page.locator('.train-status').getAttribute('data-loss')),
        ref.loss,
        'loss after 10,000 steps',
        1e-4,
      );
      assert((await page.locator('.train-contour .train-band').count()) >= 8, 'contour levels drawn');
      assert(
        ((await page.locator('.train-iterates').getAttribute('d')) ?? '').length > 50,
        'the path is drawn',
      );
      await page.getByLabel('Log scale').check();
      await page.waitForFunction(() => location.hash.includes('tlog=1'));
      assert(
        (await page.locator('.train-loss').textContent()).includes('log scale'),
        'the axis says log scale',
      );
      await page.locator('.train-contour').scrollIntoViewIfNeeded();
      await screenshot(page, 'train-rosenbrock');
      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await open(phone, `${VALLEY}&tlog=1`);
      await phone.locator('[data-run="100"]').click();
      await phone.locator('.train-status[data-steps="100"]').waitFor();
      await phone.locator('.train-run').first().scrollIntoViewIfNeeded();
      await screenshot(phone, 'train-rosenbrock-phone');
    },
  },
  {
    name: 'divergence: a large η is shown and explained, the page keeps working',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, LINE);
      await page.locator('[data-run="100"]').click();
      const box = page.locator('.train-diverged');
      await box.waitFor();
      const text = await box.textContent();
      assert(/too large/.test(text) && /Lower η/.test(text), `the explanation: ${text}`);
      // Nothing blank: the graph, the fields (finite numbers) and the curve are there.
      assert((await page.locator('[data-node]').count()) > 0, 'the graph is drawn');
      assert(
        Number.isFinite(Number(await page.getByLabel('w', { exact: true }).inputValue())),
        'w is finite',
      );
      assert(
        await page.locator('[data-run="100"]').isDisabled(),
        'running on from a divergence is not offered',
      );
      await screenshot(page, 'train-diverged');
      await page.getByLabel('Learning rate η').fill('0.05');
      assert(await page.locator('[data-run="100"]').isEnabled(), 'a new η starts a new run');
      assert(
        (await page.locator('.train-diverged, .train-stop').count()) === 0,
        'the old run’s message goes',
      );
    },
  },
  {
    name: 'bad data and a bad η: located messages, nothing typed is lost',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, LINE.replace('rate=0.5', 'rate=0.05'));
      await page.locator('.train-data summary').click();
      const typed = 'x,t\n0,1\n1,2oops\n';
      await page.getByLabel('Training data (CSV)').fill(typed);
      const error = page.locator('.train-data .train-error');
      await error.waitFor();
      assert(
        (await error.getAttribute('data-line')) === '3' && (await error.getAttribute('data-column')) === '3',
        'located',
      );
      assert(/line 3, column 3/.test(await error.textContent()), 'the message names the place');
      assert((await page.getByLabel('Training data (CSV)').inputValue()) === typed, 'the text is kept');
      assert(await page.locator('[data-run="1"]').isDisabled(), 'no run on bad data');
      await page.getByLabel('Training data (CSV)').fill('x,z\n0,1\n');
      await page.waitForFunction(() =>
        /no input z/.test(document.querySelector('.train-data .train-error')?.textContent ?? ''),
      );
      await page.getByLabel('Training data (CSV)').fill('x,t\n0,1\n1,3\n');
      await page.getByLabel('Learning rate η').fill('-1');
      await page.locator('.train > .train-error').waitFor();
      assert(await page.locator('[data-run="1"]').isDisabled(), 'no run with a bad η');
      assert((await page.getByLabel('Learning rate η').inputValue()) === '-1', 'η as typed is kept');
    },
  },
  {
    name: 'a run that ends on ∞ or NaN: the headline says so and names the step shown; the cause is named',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, LINE.replace('rate=0.5', 'rate=1e300'));
      await page.locator('[data-run="10"]').click();
      const status = page.locator('.train-status[data-steps="1"]');
      await status.waitFor();
      const head = await status.textContent();
      assert(/^Step 1: the loss became ∞\. Shown: step 0\b/.test(head), `the headline: ${head}`);
      await open(page, `#v=1&f=${enc('sqrt(w) + w^2')}&at=w:1&view=train&train=w&rate=1`);
      await page.locator('[data-run="10"]').click();
      await page.locator('.train-diverged').waitFor();
      const head2 = await page.locator('.train-status').textContent();
      assert(/^Step 1: the loss became NaN\. Shown: step 0\b/.test(head2), `the headline: ${head2}`);
      const box = await page.locator('.train-diverged').textContent();
      assert(/sqrt\(-1\.5\) = NaN \(outside the domain of sqrt\)/.test(box), `the cause: ${box}`);
      assert(!/0 × ln 0/.test(box), `no guessed cause: ${box}`);
    },
  },
  {
    name: 'bad data in a link: the reason is next to the disabled Run buttons, the Data section opens',
    run: async ({ newPage }) => {
      const page = await newPage();
      const bad = LINE.replace(/data=[^&]*/, 'data=x,t%0A0,1.1%0A1,abc');
      const check = async (when) => {
        const why = page.locator('.train-why');
        await why.waitFor();
        assert(
          /^Fix the data first: line 3, column 3\./.test(await why.textContent()),
          `${when}: the reason`,
        );
        assert(await page.locator('[data-run="10"]').isDisabled(), `${when}: Run is off`);
        // In view with the buttons, without scrolling the panel.
        const [b, w] = await Promise.all([page.locator('[data-run="10"]').boundingBox(), why.boundingBox()]);
        assert(w.y - (b.y + b.height) < 120 && w.y + w.height < 720, `${when}: next to the buttons`);
        await page.waitForFunction(() => document.querySelector('.train-data')?.open === true);
      };
      await open(page, bad);
      await check('opened from the link');
      await open(page, LINE);
      assert((await page.locator('.train-why').count()) === 0, 'good data: no reason');
      await page.evaluate((hash) => (location.hash = hash), bad);
      await check('applied by a hash change');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForFunction(() => document.activeElement?.classList.contains('train-csv'));
    },
  },
  {
    name: 'data too long for a link: a clear message, the link keeps the last that fitted',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, LINE.replace('rate=0.5', 'rate=0.05'));
      await page.waitForFunction(() => location.hash.includes('data='));
      const before = await page.evaluate(() => location.hash);
      const digits = '1234567890'.repeat(4);
      const rows = Array.from({ length: 1000 }, (_, i) => `${i}.${digits},${i}.${digits}`);
      await page.locator('.train-data summary').click();
      await page.getByLabel('Training data (CSV)').fill(['x,t', ...rows].join('\n'));
      await page
        .getByText(/Save the data as a CSV file/)
        .first()
        .waitFor();
      assert((await page.evaluate(() => location.hash)) === before, 'the address bar keeps the last link');
      assert(
        (await page.locator('.train-data summary').textContent()).includes('1000 rows'),
        'the data is read',
      );
      assert(
        await page.getByRole('button', { name: 'Save data as CSV' }).isVisible(),
        'the file export is offered',
      );
    },
  },
];
