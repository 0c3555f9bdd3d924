// The page around the graph (issue 10), measured rather than looked at: presentation mode for a
// projector, the results strip (never cut, never ahead of the sweeps), embed and phone layouts, a
// calm editor, and the small page-level fixes. Every gallery example is taken from the app's own
// gallery links; values in the results strip are checked against central finite differences of the
// expression evaluated here by mathjs (an implementation nobody here wrote).
import { all, create } from 'mathjs';

const math = create(all);
const PAPER = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** Opens a link in a fresh document (a hash change alone would keep the page) and waits for it. */
async function open(page, hash, selector = '[data-result]') {
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
  await page.waitForSelector(selector, { state: 'attached' });
  await page.waitForTimeout(150);
}

/** The gallery's links, as the app writes them. */
async function galleryLinks(page) {
  await open(page, PAPER);
  await page.getByRole('button', { name: 'Gallery' }).click();
  // The cards load with the dialog, on its first opening.
  await page.waitForSelector('.gallery-card');
  const links = await page.$$eval('.gallery-card', (els) =>
    els.map((el) => ({
      title: el.querySelector('.gallery-title')?.textContent ?? '',
      href: el.getAttribute('href'),
    })),
  );
  await page.keyboard.press('Escape');
  assert(links.length >= 10, `the gallery has every example (${links.length})`);
  // With the trace tab: the layout's checks read the table (a training example opens the Train tab).
  return links.map((l) => ({
    ...l,
    hash: l.href
      .slice(l.href.indexOf('#'))
      .replace(/&step=\d+/, '')
      .replace(/&view=[a-z]+/, ''),
  }));
}

/** The expression and the point of a link. */
function linkModel(hash) {
  const p = new URLSearchParams(hash.slice(1));
  const at = Object.fromEntries(
    (p.get('at') ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const [k, v] = kv.split(':');
        return [k, Number(v)];
      }),
  );
  return { text: p.get('f'), at };
}

/** f(x) for one output, evaluated by mathjs statement by statement. */
function evaluator(text, output) {
  const fns = {
    ln: (x) => Math.log(x),
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    relu: (x) => Math.max(0, x),
  };
  const code = math.compile(text);
  return (point) => {
    const scope = new Map(Object.entries({ ...fns, ...point }));
    const result = code.evaluate(scope);
    if (scope.has(output) && !(output in point)) return Number(scope.get(output));
    const last = result && typeof result === 'object' && 'entries' in result ? result.entries.at(-1) : result;
    return Number(last);
  };
}

/** ∂f/∂x by central differences. */
function centralDifference(f, point, name) {
  const h = 1e-5 * Math.max(1, Math.abs(point[name]));
  const up = f({ ...point, [name]: point[name] + h });
  const down = f({ ...point, [name]: point[name] - h });
  return (up - down) / (2 * h);
}

function near(got, expected, message, rel = 1e-5) {
  assert(
    Number.isFinite(got) && Math.abs(got - expected) <= rel * Math.max(1, Math.abs(expected)),
    `${message}: got ${got}, expected ${expected}`,
  );
}

/** Every results-strip entry: key → { text, value } (value null where it reads —). */
async function strip(page) {
  return page.$$eval('[data-result]', (els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-result'),
        {
          text: el.textContent.trim(),
          value: el.hasAttribute('data-value') ? Number(el.getAttribute('data-value')) : null,
        },
      ]),
    ),
  );
}

/** The strip's text for a value: three decimals as the table prints them, with a true minus. */
function parsePlain(text) {
  const sup = {
    '⁰': '0',
    '¹': '1',
    '²': '2',
    '³': '3',
    '⁴': '4',
    '⁵': '5',
    '⁶': '6',
    '⁷': '7',
    '⁸': '8',
    '⁹': '9',
    '⁻': '-',
  };
  const t = text.replace(/\u2212/g, '-');
  const m = /^(-?[\d.]+)(?:×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$/.exec(t);
  if (!m) return NaN;
  const exp = m[2] ? Number([...m[2]].map((c) => sup[c]).join('')) : 0;
  return Number(m[1]) * 10 ** exp;
}

/** Checks that an entry's printed text is its value rounded for display. */
function printedMatches(entry, key) {
  const shown = parsePlain(entry.text);
  assert(!Number.isNaN(shown), `${key} prints a number: "${entry.text}"`);
  // Three decimals, or three decimals of the mantissa in the ×10ⁿ form.
  const tol = entry.text.includes('×10')
    ? 5.01e-4 * 10 ** Math.floor(Math.log10(Math.abs(entry.value)))
    : 5.01e-4;
  assert(Math.abs(shown - entry.value) <= tol, `${key} prints ${entry.text} for ${entry.value}`);
}

const rectOf = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });

const inside = (r, box, slack = 0.5) =>
  r.left >= box.left - slack &&
  r.right <= box.right + slack &&
  r.top >= box.top - slack &&
  r.bottom <= box.bottom + slack;

/** For every trace row: how many lines its formula takes, and whether it is cut at the right. */
async function rowLines(page) {
  return page.$$eval('[data-kind]', (rows) =>
    rows.map((row) => {
      // A row is typeset in parts (its formula, then its numbers): its lines are theirs together.
      const maths = [...row.querySelectorAll('.row-tex .katex-html')];
      const tex = row.querySelector('.row-tex');
      if (maths.length === 0 || !tex)
        return { id: row.dataset.step, lines: 0, cut: false, text: row.textContent };
      const tops = [];
      for (const math of maths)
        for (const r of math.getClientRects())
          if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 4)) tops.push(r.top);
      const right = Math.max(...maths.map((m) => m.getBoundingClientRect().right));
      const tr = tex.getBoundingClientRect();
      return {
        id: row.dataset.step,
        lines: tops.length,
        cut: right > tr.right + 1,
        text: row.textContent,
      };
    }),
  );
}

/** The trace's shape, read from the table: l nodes, so the tangent sweep ends at step 2l. */
async function shape(page) {
  return page.evaluate(() => ({
    primal: document.querySelectorAll('[data-kind="primal"]').length,
    last: Number(document.querySelector('.scrubber input').getAttribute('max')),
    seed: document.querySelector('.seed-tangent select')?.value ?? null,
    out: document.querySelector('.seed-adjoint select')?.value ?? null,
  }));
}

/** Every teaching tab is whole inside the tab strip's visible part, under its full name. */
async function tabsInside(page, where) {
  const tabs = await page.evaluate(() => {
    const list = document.querySelector('[role="tablist"]');
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[role="tab"]')].map((tab) => {
      const r = tab.getBoundingClientRect();
      // The full name is the tab's text, or the part for screen readers where a short one shows.
      const name = (tab.querySelector('.tab-long') ?? tab).textContent;
      return {
        name,
        left: r.left,
        right: r.right,
        shown: tab.innerText.trim(),
        from: box.left,
        to: box.right,
      };
    });
  });
  assert(
    tabs.map((t) => t.name).join() === 'Trace,Jacobian,Finite differences,Symbolic,Train',
    `${where}: the five tabs by their full names (${tabs.map((t) => t.name)})`,
  );
  for (const t of tabs) {
    assert(
      t.left >= t.from - 0.5 && t.right <= t.to + 0.5,
      `${where}: the ${t.name} tab (${t.left}–${t.right}) is outside the strip's ${t.from}–${t.to}`,
    );
    assert(t.shown.length >= 5, `${where}: the ${t.name} tab shows a name ("${t.shown}")`);
  }
}

export default [
  {
    name: 'top bar and teaching tabs: every control whole and on the page at 1024×768, 1280×720 and 1920×1080 (tabs on a phone too)',
    run: async ({ newPage }) => {
      const page = await newPage();
      for (const [w, h] of [
        [1024, 768],
        [1280, 720],
        [1920, 1080],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        await open(page, PAPER);
        const boxes = await page.$$eval('.topbar button, .topbar select', (els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return {
              name: el.textContent?.trim().slice(0, 20) ?? '',
              left: r.left,
              right: r.right,
              width: r.width,
            };
          }),
        );
        assert(boxes.length >= 6, `${w}×${h}: the top bar's controls are there (${boxes.length})`);
        for (const b of boxes) {
          assert(
            b.left >= 0 && b.right <= w && b.width > 40,
            `${w}×${h}: ${b.name} is whole (${b.left}–${b.right})`,
          );
        }
        // The side panel's tabs stay inside it (Train ran 10 px past it at 1024×768), and in
        // presentation, where "Train" was scrolled out of sight at 1024×768.
        await tabsInside(page, `${w}×${h}`);
        if (w < 1920) {
          await open(page, `${PAPER}&present=1`);
          await tabsInside(page, `presenting at ${w}×${h}`);
        }
      }
      // A phone: the five tabs fit too (the strip scrolls sideways only on narrower ones).
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, PAPER);
      await tabsInside(page, '390×844');
    },
  },
  {
    name: 'results strip: — for every forward entry not yet swept, finite differences once it is',
    timeout: 240_000,
    run: async ({ newPage }) => {
      const page = await newPage();
      const links = await galleryLinks(page);
      for (const { title, hash } of links) {
        const { text, at } = linkModel(hash);
        // mathjs has no loops or branches: the programs' values are checked against closed forms and
        // JavaScript in programs.spec.mjs.
        if (/[{}]/.test(text)) continue;
        // A training example's link carries a run that sets the point; train.spec.mjs checks it.
        if (new URLSearchParams(hash.slice(1)).has('train')) continue;
        await open(page, `${hash}&step=0`);
        const { primal, last, seed, out } = await shape(page);
        const f = evaluator(text, out);
        const inputs = Object.keys(at);
        let s = await strip(page);
        assert(
          Object.values(s).every((e) => e.text === '—' && e.value === null),
          `${title}: nothing is computed at step 0`,
        );
        // The end of the tangent sweep: one column, the seeded input's; the others wait.
        // The note on the columns not swept appears at the end of the tangent sweep, on a line whose
        // room was kept: the strip does not grow under the graph and the table then.
        const height = () =>
          page.evaluate(() => document.querySelector('.results').getBoundingClientRect().height);
        await open(page, `${hash}&step=${2 * primal - 1}`);
        const before = await height();
        await open(page, `${hash}&step=${2 * primal}`);
        const after = await height();
        assert(
          Math.abs(after - before) < 0.5,
          `${title}: the results strip keeps its height as the note appears: ${before} → ${after} px`,
        );
        s = await strip(page);
        for (const x of inputs) {
          const e = s[`forward:${x}`];
          assert(e, `${title}: an entry forward:${x}`);
          if (x === seed) {
            near(e.value, centralDifference(f, at, x), `${title}: ∂${out}/∂${x} by the tangent sweep`);
            printedMatches(e, `forward:${x}`);
          } else
            assert(e.text === '—' && e.value === null, `${title}: forward:${x} is not swept yet (${e.text})`);
          assert(s[`reverse:${x}`].text === '—', `${title}: reverse:${x} waits for the reverse sweep`);
        }
        if (inputs.length > 1) {
          const note = await page.locator('.result-note').innerText();
          assert(note.includes(seed) && note.includes('Jacobian'), `${title}: a word on why: ${note}`);
        }
        near(s[`value:${out}`].value, f(at), `${title}: ${out}`, 1e-12);
        // The last step: the reverse sweep gave every entry of the gradient.
        await open(page, `${hash}&step=${last}`);
        s = await strip(page);
        for (const x of inputs) {
          near(
            s[`reverse:${x}`].value,
            centralDifference(f, at, x),
            `${title}: ∂${out}/∂${x} by the reverse sweep`,
          );
          printedMatches(s[`reverse:${x}`], `reverse:${x}`);
        }
        // The Jacobian panel runs the other forward sweeps; each column appears once its sweep ran.
        if (inputs.length > 1) {
          await page.getByRole('tab', { name: 'Jacobian' }).click();
          for (let k = 2; k <= inputs.length; k++) {
            await page.getByRole('button', { name: `Run forward sweep ${k}` }).click();
            await page.keyboard.press('End');
            await page.waitForFunction(
              (n) => document.querySelectorAll('.result-tangent [data-value]').length >= n,
              k,
              { timeout: 5000 },
            );
          }
          s = await strip(page);
          for (const x of inputs)
            near(
              s[`forward:${x}`].value,
              centralDifference(f, at, x),
              `${title}: forward:${x} after every sweep`,
            );
          assert(
            (await page.locator('.result-note').count()) === 0,
            `${title}: no note once every column is swept`,
          );
        }
      }
    },
  },
  {
    name: 'results strip: never overflows, at 1280×720, 1920×1080, 960×560 embed and 390×844',
    timeout: 240_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      const links = await galleryLinks(page);
      const sizes = [
        [1280, 720, ''],
        [1920, 1080, ''],
        [960, 560, '&embed=1'],
        [390, 844, ''],
      ];
      for (const [w, h, mode] of sizes) {
        await page.setViewportSize({ width: w, height: h });
        for (const { title, hash } of links) {
          // The last step: every entry holds a number, the longest the strip gets.
          await open(page, `${hash}&step=99999${mode}`);
          const m = await page.evaluate(() => {
            const results = document.querySelector('.results');
            const box = results.getBoundingClientRect();
            const parts = [results, ...results.querySelectorAll('.result')];
            return {
              shown: box.height > 0 && getComputedStyle(results).display !== 'none',
              overflow: parts.map((p) => p.scrollWidth - p.clientWidth),
              entries: [...results.querySelectorAll('.result-entry')].map((e) => {
                const r = e.getBoundingClientRect();
                return {
                  text: e.textContent,
                  left: r.left,
                  right: r.right,
                  inBox: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
                };
              }),
              page: document.documentElement.scrollWidth - window.innerWidth,
            };
          });
          const where = `${title} at ${w}×${h}${mode}`;
          assert(m.shown, `${where}: the strip is shown`);
          assert(
            m.overflow.every((o) => o <= 0),
            `${where}: overflow ${m.overflow.join(', ')}`,
          );
          for (const e of m.entries) {
            assert(
              e.inBox && e.left >= 0 && e.right <= w + 0.5,
              `${where}: "${e.text}" is cut (${e.left}–${e.right})`,
            );
          }
          assert(m.page <= 0, `${where}: the page scrolls sideways by ${m.page}px`);
        }
        await screenshot(page, `layout-results-${w}x${h}`);
      }
    },
  },
  {
    name: 'presentation at 1280×720 and 1024×768: rows on one line; expression, inputs and results in view',
    timeout: 240_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      const links = await galleryLinks(page);
      for (const [w, h] of [
        [1280, 720],
        [1024, 768],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        for (const { title, hash } of links) {
          let primal = 0;
          for (const step of ['LAST', 'TANGENT_END']) {
            const at = step === 'LAST' ? 99999 : 2 * primal;
            await open(page, `${hash}&present=1&step=${at}`);
            if (step === 'LAST') primal = (await shape(page)).primal;
            const where = `${title} at ${w}×${h}, step ${at}`;
            const rows = await rowLines(page);
            assert(rows.length > 0, `${where}: the table is there`);
            const wrapped = rows.filter((r) => r.lines !== 1 || r.cut);
            assert(
              wrapped.length === 0,
              `${where}: rows not on one line: ${wrapped.map((r) => `${r.id} (${r.lines} lines${r.cut ? ', cut' : ''})`).join(', ')}`,
            );
            // A heading's height, less its underline, in units of its type size: one line is under 1.6.
            const heads = await page.$$eval('.trace-heads h2, .trace-subhead h2', (hs) =>
              hs.map((el) => {
                const cs = getComputedStyle(el);
                const extra = parseFloat(cs.paddingBottom) + parseFloat(cs.borderBottomWidth);
                return (el.getBoundingClientRect().height - extra) / parseFloat(cs.fontSize);
              }),
            );
            assert(
              heads.every((r) => r < 1.6),
              `${where}: a heading wraps (${heads.join(', ')})`,
            );
            const view = { left: 0, top: 0, right: w, bottom: h };
            const { text, at: values } = linkModel(hash);
            // A text of several lines is shown on one, its statements joined by `;` and comments left
            // out: the same statements, whatever the spacing.
            const bare = (s) => s.replace(/#[^\n]*/g, '').replace(/[\s;]/g, '');
            assert(
              bare((await page.locator('.present-expr code').textContent()) ?? '') === bare(text),
              `${where}: the expression is shown`,
            );
            assert(inside(await rectOf(page, '.present-expr'), view), `${where}: the expression is in view`);
            const shownValues = await page.$$eval('.present-values li', (lis) =>
              lis.map((li) => {
                const r = li.getBoundingClientRect();
                return { text: li.textContent, bottom: r.bottom, right: r.right };
              }),
            );
            for (const [name, v] of Object.entries(values)) {
              const li = shownValues.find((l) => l.text.replace(/\s/g, '') === `${name}=${v}`);
              assert(li && li.bottom <= h && li.right <= w, `${where}: ${name} = ${v} is in view`);
            }
            const entries = await page.$$eval('[data-result]', (els) =>
              els.map((el) => {
                const r = el.getBoundingClientRect();
                return { key: el.dataset.result, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
              }),
            );
            for (const e of entries) assert(inside(e, view), `${where}: ${e.key} is in view`);
            const graph = await rectOf(page, '.graph-panel');
            assert(graph.width >= 0.55 * w, `${where}: the graph has most of the width (${graph.width}px)`);
            for (const name of ['Step back', 'Step forward']) {
              const b = await page.getByRole('button', { name, exact: true }).boundingBox();
              assert(
                b && b.height >= 48 && b.width >= 56 && b.y + b.height <= h,
                `${where}: a large ${name} button`,
              );
            }
          }
        }
        await screenshot(page, `layout-present-${w}x${h}`);
      }
    },
  },
  {
    name: 'presentation on a tablet and a phone (768×1024, 390×844): no error, graph above table, the current row whole',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      // The paper's example, and a long row (an adjoint step of a 25-node expression) to be fitted.
      const LONG =
        '#v=1&f=sin(tanh(x3%20-%20cos(x1)%20%2B%20exp(x1)*ln(x2)%20%2B%20sin(cos(x3))%20%2B%20x3%20-%20ln(1.5*x4)))*((ln(3*x3)%20-%20tanh(x4))*cos(ln(x3)))*2&at=x1:1.1,x2:0.9,x3:1.3,x4:0.7';
      for (const [w, h] of [
        [768, 1024],
        [390, 844],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        for (const [hash, step] of [
          [PAPER, 20],
          [LONG, 70],
        ]) {
          const where = `${hash === PAPER ? 'paper' : 'long'} at ${w}×${h}`;
          await open(page, `${hash}&present=1&step=${step}`);
          await page.evaluate(() => document.fonts.ready);
          await page.waitForTimeout(300);
          assert(
            (await page.getByRole('button', { name: 'Step forward', exact: true }).count()) === 1,
            `${where}: the controls are drawn`,
          );
          const graph = await rectOf(page, '.graph-panel');
          const table = await rectOf(page, '.table-panel');
          assert(graph.bottom <= table.top + 1, `${where}: the graph is above the table`);
          const row = await page.$eval('.present-row-line', (line) => {
            const tex = line.querySelector('.row-tex');
            let width = 0;
            for (const m of tex.querySelectorAll('.katex-html'))
              for (const r of m.getClientRects()) width += r.width;
            return { room: tex.clientWidth, width, wraps: line.classList.contains('wraps') };
          });
          assert(row.room >= 0.75 * w, `${where}: the current row has the width (${row.room}px)`);
          assert(
            row.wraps || row.width <= row.room + 1,
            `${where}: the current row is whole (${row.width} in ${row.room})`,
          );
        }
        await screenshot(page, `layout-present-${w}x${h}`);
      }
    },
  },
  {
    name: 'presentation: → ← PageDown PageUp step after a tab or a button was clicked; elsewhere tabs keep arrows',
    run: async ({ newPage }) => {
      const page = await newPage();
      const stepNow = () => page.locator('.step-count b').textContent().then(Number);
      await open(page, `${PAPER}&present=1&step=3`);
      await page.getByRole('tab', { name: 'Jacobian' }).click();
      await page.keyboard.press('ArrowRight');
      assert((await stepNow()) === 4, '→ after a tab click steps');
      assert(
        (await page.getByRole('tab', { name: 'Jacobian' }).getAttribute('aria-selected')) === 'true',
        'the tab stays chosen',
      );
      await page.keyboard.press('PageDown');
      assert((await stepNow()) === 5, 'PageDown steps');
      await page.getByRole('button', { name: 'Step forward', exact: true }).click();
      assert((await stepNow()) === 6, 'the on-screen ▶ steps');
      await page.keyboard.press('PageUp');
      await page.keyboard.press('ArrowLeft');
      assert((await stepNow()) === 4, 'PageUp and ← step back');
      // Outside presentation the tabs keep the arrow keys of the ARIA tabs pattern.
      await open(page, `${PAPER}&step=3`);
      await page.getByRole('tab', { name: 'Trace' }).click();
      await page.keyboard.press('ArrowRight');
      assert(
        (await page.getByRole('tab', { name: 'Jacobian' }).getAttribute('aria-selected')) === 'true',
        '→ on a tab moves to the next tab',
      );
      assert((await stepNow()) === 3, 'and does not step');
    },
  },
  {
    name: 'typing exp(x*y) + sin(x) through its transient errors moves no panel and no field',
    timeout: 90_000,
    run: async ({ newPage, screenshot }) => {
      for (const [w, h] of [
        [1280, 720],
        [1024, 768],
      ]) {
        const page = await newPage({ viewport: { width: w, height: h } });
        await open(page, PAPER);
        const measure = () =>
          page.evaluate(() => {
            const r = (el) => {
              const b = el.getBoundingClientRect();
              return [b.left, b.top, b.width, b.height].map((v) => Math.round(v * 10) / 10);
            };
            const fields = Object.fromEntries(
              [...document.querySelectorAll('.value-field input')].map((i) => [
                i.getAttribute('aria-label'),
                r(i),
              ]),
            );
            const note = document.querySelector('.stale-note');
            return {
              graph: r(document.querySelector('.graph-panel')),
              side: r(document.querySelector('.side-panel')),
              timeline: r(document.querySelector('.timeline-row')),
              fields,
              names: Object.keys(fields).join(','),
              error: document.querySelector('.editor-error') !== null,
              note: note ? r(note) : null,
              row: r(document.querySelector('.editor-row')),
            };
          });
        const base = await measure();
        const editor = page.getByLabel('Expression', { exact: true });
        await editor.click();
        await page.keyboard.press('Control+A');
        let firstXY = null;
        let errors = 0;
        const text = 'exp(x*y) + sin(x)';
        for (let i = 0; i < text.length; i++) {
          await page.keyboard.type(text[i]);
          await page.waitForTimeout(190);
          const m = await measure();
          const where = `${w}×${h} after "${text.slice(0, i + 1)}"`;
          for (const k of ['graph', 'side', 'timeline']) {
            assert(
              m[k].every((v, j) => Math.abs(v - base[k][j]) <= 1),
              `${where}: the ${k} panel moved: ${base[k]} → ${m[k]}`,
            );
          }
          if (m.error) {
            errors++;
            assert(m.names.length > 0, `${where}: the fields stay while the text does not parse`);
          }
          if (m.note) {
            assert(
              m.note[1] >= m.row[1] - 1 && m.note[1] + m.note[3] <= m.row[1] + m.row[3] + 1,
              `${where}: the stale note stays within the editor, off the panels`,
            );
          }
          if (m.names === 'x,y') {
            firstXY ??= m.fields;
            for (const k of ['x', 'y'])
              assert(
                m.fields[k].every((v, j) => Math.abs(v - firstXY[k][j]) <= 1),
                `${where}: the field ${k} moved: ${firstXY[k]} → ${m.fields[k]}`,
              );
          }
        }
        assert(errors >= 4, `the typing went through transient errors (${errors})`);
        assert(firstXY !== null, 'the fields x and y appeared');
        await page.waitForSelector('[data-node]');
        await screenshot(page, `layout-typed-${w}x${h}`);
      }
    },
  },
  {
    name: 'a long expression scrolls inside its field: the graph and the table stay on the screen; the caret stays in sight',
    timeout: 90_000,
    run: async ({ newPage, screenshot }) => {
      // 120 terms, 400 nodes: as a lecturer would paste a generated expression.
      const terms = Array.from(
        { length: 120 },
        (_, k) => `sin(x${(k % 5) + 1}*${k + 1})*x${((k + 2) % 5) + 1}`,
      );
      const text = terms.join(' + ');
      const at = 'x1:1,x2:2,x3:3,x4:4,x5:5';
      for (const [width, height] of [
        [1280, 720],
        [1024, 768],
        [1920, 1080],
        [390, 844],
      ]) {
        const page = await newPage({ viewport: { width, height } });
        await open(page, `#v=1&f=${encodeURIComponent(text)}&at=${at}`, '[data-node]');
        const m = await page.evaluate(() => {
          const field = document.querySelector('.editor-field');
          const box = (s) => document.querySelector(s).getBoundingClientRect();
          return {
            field: field.getBoundingClientRect().height,
            scroll: field.scrollHeight,
            graph: box('.graph-panel').top,
            table: box('.side-body').top,
          };
        });
        assert(
          m.scroll > 2 * m.field,
          `${width}×${height}: the text (${m.scroll}px) is taller than its field (${m.field}px)`,
        );
        assert(
          m.field <= 0.4 * height + 1,
          `${width}×${height}: the field takes at most 40 % of the window (${m.field}px)`,
        );
        // On a phone the panels stack: the graph comes first under the editor.
        // (On a phone the fields and seeds stack under the editor too: the graph's top is in the
        // first screen, the rest a scroll away, as for every expression there.)
        const below = width < 700 ? m.graph : Math.max(m.graph, m.table);
        assert(
          below < (width < 700 ? 0.9 : 0.75) * height,
          `${width}×${height}: the graph and the table start on the screen (${below}px)`,
        );

        // Typing at the end scrolls the field to the caret; the page itself does not move.
        const editor = page.getByLabel('Expression', { exact: true });
        await editor.click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type(' + x1');
        await page.waitForFunction(
          (t) => document.querySelector('.editor-input').value === `${t} + x1`,
          text,
        );
        const end = await page.evaluate(() => {
          const field = document.querySelector('.editor-field');
          const lastLine = document.querySelector('.editor-mirror').getBoundingClientRect().bottom;
          const f = field.getBoundingClientRect();
          return { scrolled: field.scrollTop, lastLine, bottom: f.bottom, top: f.top, page: window.scrollY };
        });
        assert(end.scrolled > 0, `${width}×${height}: the field scrolled to the caret`);
        assert(
          end.lastLine <= end.bottom + 2 && end.lastLine > end.top,
          `${width}×${height}: the last line is in the field's view (${end.lastLine} in ${end.top}–${end.bottom})`,
        );
        if (width === 1280) await screenshot(page, 'layout-long-expression');
        await page.close();
      }
    },
  },
  {
    name: 'long input names: labels wrap in their fields, the seed menu is cut short, the graph names them with an ellipsis',
    run: async ({ newPage }) => {
      for (const name of ['regularizationStrength', 'aVeryLongParameterNameForTheLearningRateOfSgd']) {
        for (const [width, height] of [
          [1280, 720],
          [390, 844],
        ]) {
          const page = await newPage({ viewport: { width, height } });
          await open(page, `#v=1&f=ln(${name})%2B${name}*w-sin(w)&at=${name}:2,w:5`, '[data-node]');
          const m = await page.evaluate(() => {
            const box = (el) => el.getBoundingClientRect();
            const names = [...document.querySelectorAll('.value-name')].map(box);
            const fields = [...document.querySelectorAll('.value-field')].map(box);
            const seeds = box(document.querySelector('.seeds'));
            const values = box(document.querySelector('.values'));
            return {
              names,
              fields,
              seedsLeft: seeds.left,
              valuesRight: values.right,
              scrollWidth: document.documentElement.scrollWidth,
            };
          });
          const label = `${name.length} characters at ${width}px`;
          // Each name stays inside its own field (no label runs into the next one).
          m.names.forEach((r, i) =>
            assert(
              r.right <= m.fields[i].right + 1,
              `${label}: name ${i} ends at ${r.right} > ${m.fields[i].right}`,
            ),
          );
          if (width > 700)
            assert(m.valuesRight <= m.seedsLeft + 1, `${label}: the inputs stop before the seeds`);
          assert(m.scrollWidth <= width, `${label}: no sideways scrolling (${m.scrollWidth})`);
          const op = page.locator('[data-node="v-1"] [data-field="op"]');
          const shown = await op.evaluate((el) =>
            [...el.childNodes]
              .filter((c) => c.nodeType === 3)
              .map((c) => c.textContent)
              .join(''),
          );
          assert(
            shown.endsWith('…') && name.startsWith(shown.slice(0, -1)),
            `${label}: graph shows ${shown}`,
          );
          assert(
            (await op.locator('title').textContent()) === name,
            `${label}: the full name in the tooltip`,
          );
          await page.close();
        }
      }
    },
  },
  {
    name: 'phone 390×844: graph and current row in view together; every input field reachable',
    timeout: 180_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      // isMobile: the page's viewport meta and a phone's touch input, as Chromium emulates them.
      const links = await galleryLinks(page);
      const view = { left: 0, top: 0, right: 390, bottom: 844 };
      for (const { title, hash } of links) {
        await open(page, `${hash}&step=0`);
        const { last } = await shape(page);
        await open(page, `${hash}&step=${Math.round(last * 0.6)}`);
        const fields = await page.$$eval('.value-field input', (inputs) =>
          inputs.map((i) => {
            i.scrollIntoView({ block: 'center' });
            const r = i.getBoundingClientRect();
            const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            return { name: i.getAttribute('aria-label'), left: r.left, right: r.right, hit: hit === i };
          }),
        );
        for (const f of fields) {
          assert(
            f.left >= 0 && f.right <= 390 && f.hit,
            `${title}: the field ${f.name} is reachable (${f.left}–${f.right})`,
          );
        }
        await page.evaluate(() => document.querySelector('.graph-panel').scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        const target = await page.locator('[aria-current="step"]').getAttribute('data-target');
        const m = {
          graph: await rectOf(page, '.graph-panel'),
          row: await rectOf(page, '[aria-current="step"]'),
          body: await rectOf(page, '.side-body'),
          node: await rectOf(page, `[data-node="${target}"]`),
          caption: await rectOf(page, '.caption'),
          results: await rectOf(page, '.results'),
          forward: await page.getByRole('button', { name: 'Step forward', exact: true }).boundingBox(),
        };
        assert(inside(m.graph, view), `${title}: the graph is in view`);
        assert(inside(m.row, view) && inside(m.row, m.body), `${title}: the current row is in view, whole`);
        assert(inside(m.node, m.graph), `${title}: the current node is in the graph's view`);
        assert(
          inside(m.caption, view) && inside(m.results, view),
          `${title}: caption and results are in view`,
        );
        assert(m.forward && m.forward.y + m.forward.height <= 844, `${title}: ▶ is in view`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `${title}: no sideways scrolling (${overflow}px)`);
      }
      await screenshot(page, 'layout-phone');
    },
  },
  {
    name: 'embed at 960×560 and 640×400: the current row whole, the current node, caption and results in the frame',
    timeout: 300_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      const links = await galleryLinks(page);
      for (const [w, h] of [
        [960, 560],
        [640, 400],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        const view = { left: 0, top: 0, right: w, bottom: h };
        for (const { title, hash } of links) {
          // A training card (a dozen inputs, a results strip of a dozen gradients) is for the Train
          // panel, not for a 640×400 frame; its network is embedded as 'A 2-2-1 tanh network'.
          if (new URLSearchParams(hash.slice(1)).has('train')) continue;
          await open(page, `${hash}&embed=1&step=0`);
          const { last } = await shape(page);
          for (const step of [Math.round(last * 0.6), last]) {
            await open(page, `${hash}&embed=1&step=${step}`);
            await page.waitForTimeout(250);
            const where = `${title} at ${w}×${h}, step ${step}`;
            const target = await page.locator('[aria-current="step"]').getAttribute('data-target');
            const row = await rectOf(page, '[aria-current="step"]');
            const body = await rectOf(page, '.side-body');
            assert(inside(row, body) && inside(row, view), `${where}: the current row is whole in view`);
            // Whole: never cut at the right (a long row may take two lines rather than unreadable type).
            const lines = (await rowLines(page)).find((r) => Number(r.id) === step);
            assert(lines && !lines.cut, `${where}: the current row is cut: ${JSON.stringify(lines)}`);
            assert(
              inside(await rectOf(page, `[data-node="${target}"]`), await rectOf(page, '.graph-panel')),
              `${where}: the current node is in the graph's view`,
            );
            assert(inside(await rectOf(page, '.caption'), view), `${where}: the caption is in the frame`);
            assert(inside(await rectOf(page, '.results'), view), `${where}: the results are in the frame`);
          }
        }
        await screenshot(page, `layout-embed-${w}x${h}`);
      }
    },
  },
  {
    name: 'small fixes: the real last step in the link, a steady top bar, l5 seeded, J ẋ said once, fields wrap',
    run: async ({ browser, baseURL, newPage }) => {
      const page = await newPage();
      await open(page, `${PAPER}&view=jacobian&step=2`, '.jac-all');
      await page.locator('.jac-all').click();
      await page.waitForFunction(() => /[&#]step=23(&|$)/.test(location.hash), undefined, { timeout: 5000 });
      const product = await page.locator('.jac-product-forward').innerText();
      assert((product.match(/J ẋ = \(/g) ?? []).length === 1, `J ẋ is written once: ${product}`);
      const vector = /J ẋ = (\([^)]*\))/.exec(product)[1];
      assert(product.split(vector).length === 2, `its value is written once: ${product}`);

      // Copy link: the buttons of the top bar stay where they are, copied or not.
      for (const permissions of [['clipboard-read', 'clipboard-write'], []]) {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 720 },
          baseURL,
          permissions,
        });
        const p = await context.newPage();
        await open(p, PAPER);
        const bar = () =>
          p.$$eval('.topbar-actions > *', (els) =>
            els.map((el) => Math.round(el.getBoundingClientRect().left)),
          );
        const before = await bar();
        await p.locator('.copy-link').click();
        await p.waitForTimeout(200);
        const after = await bar();
        assert(
          before.join() === after.join(),
          `the top bar does not shift (${permissions.length ? 'copied' : 'failed'}): ${before} → ${after}`,
        );
        await context.close();
      }

      // Float noise reads as the table writes it: 0.3 − 0.1 − 0.2 = −2.7755575615628914e-17 in doubles.
      await open(page, `#v=1&f=${encodeURIComponent('x - 0.1 - 0.2')}&at=x:0.3&step=99`);
      const noise = await page.locator('[data-result="value:y"]').textContent();
      assert(noise === '\u22122.776×10\u207b\u00b9\u2077', `float noise in the strip: ${noise}`);

      await open(page, PAPER);
      await page.getByLabel('Examples').selectOption({ label: 'Expression swell (logistic map)' });
      await page.waitForFunction(
        () => document.querySelector('.seed-adjoint select')?.value === 'l5',
        undefined,
        {
          timeout: 5000,
        },
      );

      await page.getByLabel('Examples').selectOption({ label: 'A 2-2-1 tanh network' });
      await page.waitForSelector('[aria-label="w22"]');
      const fields = await page.evaluate(() => {
        // The box the fields scroll in (its padding keeps room for a focus ring).
        const values = document.querySelector('.value-list');
        return {
          overflow: values.scrollWidth - values.clientWidth,
          out: [...values.querySelectorAll('input')].filter((i) => {
            const r = i.getBoundingClientRect();
            return r.left < 0 || r.right > window.innerWidth;
          }).length,
          count: values.querySelectorAll('input').length,
        };
      });
      assert(
        fields.count === 11 && fields.overflow <= 0 && fields.out === 0,
        `11 fields, all within the width: ${JSON.stringify(fields)}`,
      );
      // Past two lines the fields scroll (as the editor does), the caption stays above the fold,
      // and the last field is reached by scrolling the list (or by Tab, which scrolls it in).
      const F15 = encodeURIComponent(Array.from({ length: 14 }, (_, i) => `x${i + 1}*x${i + 2}`).join('+'));
      for (const [width, height, lines] of [
        [1280, 720, 2],
        [1024, 768, 2],
        [1920, 1080, 3],
      ]) {
        await page.setViewportSize({ width, height });
        await open(page, `#v=1&f=${F15}&step=3`);
        await page.waitForSelector('[aria-label="x15"]');
        const m = await page.evaluate(() => {
          const list = document.querySelector('.value-list');
          const tops = [
            ...new Set([...list.querySelectorAll('.value-field')].map((f) => Math.round(f.offsetTop))),
          ];
          const caption = document.querySelector('.caption').getBoundingClientRect();
          const box = list.getBoundingClientRect();
          const last = list.querySelector('[aria-label="x15"]');
          last.focus();
          const r = last.getBoundingClientRect();
          return {
            lines: tops.length,
            shown: Math.round(list.clientHeight),
            scrolls: list.scrollHeight > list.clientHeight,
            captionBottom: caption.bottom,
            lastInside: r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
          };
        });
        const label = `15 inputs at ${width}×${height}: ${JSON.stringify(m)}`;
        assert(m.captionBottom <= height, `${label}: the caption is above the fold`);
        assert(m.lastInside, `${label}: the last field, focused, is scrolled into the list's view`);
        if (m.lines > lines) assert(m.scrolls, `${label}: more than ${lines} lines of fields scroll`);
      }
    },
  },
];
