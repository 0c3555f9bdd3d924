// The graph is legible at the sizes a course uses (issue 10, items 1 and 2), measured rather than
// looked at: for every gallery example and for generated expressions of up to 20 nodes at 1280×720
// and up to 40 nodes at 1920×1080, at the first, a middle and the last step, every node's operation
// (or input name, `data-field="op"`) and every value the timeline has reached (`data-field` =
// primal, tangent, adjoint; CONTRACTS §5) is on the page, inside the graph's canvas, not covered by
// anything, and at least 11 CSS px tall by getBoundingClientRect. A node shows no value the timeline
// has not reached. A gallery example larger than 20 nodes at 1280×720 (the 2-2-1 tanh network) must
// at least show the current step's nodes and their values at 14 px or more. In presentation mode
// (`present=1`) at 1280×720 and 1024×768 every value of a graph of up to 15 nodes is at least 18 px.
//
// Which values are reached comes from the trace table's rows (`data-kind`, `data-target`,
// `data-step`) when it renders them all, else from the tour's order (primal steps 1…N and tangent
// steps N+1…2N in node order).
//
// Note: the presentation test depends on the page layout of presentation mode as much as on the
// graph (helper "layout" gives the graph most of the screen there).

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

// ── Generated expressions (deterministic): the shapes that make graphs wide, tall and deep ─────

/** mulberry32: a small seeded generator (public domain). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The issue's shape: sin(k·x)·cos(k·y) summed, two inputs read by every term (6T + 1 nodes). */
function sumOfProducts(nodes) {
  const T = Math.floor((nodes - 1) / 6);
  const text = Array.from({ length: T }, (_, k) => `sin(${k + 1}*x)*cos(${k + 1}*y)`).join(' + ');
  return { name: `sum of ${T} products`, text, at: 'x:0.5,y:1.5', nodes: 6 * T + 1 };
}

/** A neuron tanh(Σ wᵢxᵢ + b): many inputs, each read once (4I + 2 nodes). */
function neuron(nodes) {
  const I = Math.floor((nodes - 2) / 4);
  const terms = Array.from({ length: I }, (_, k) => `w${k + 1}*x${k + 1}`);
  const at = Array.from(
    { length: I },
    (_, k) => `w${k + 1}:${(k % 3) * 0.5 - 0.2},x${k + 1}:${(k % 4) * 0.25 + 0.5}`,
  );
  return {
    name: `neuron with ${I} inputs`,
    text: `tanh(${terms.join(' + ')} + b)`,
    at: [...at, 'b:0.1'].join(','),
    nodes: 4 * I + 2,
  };
}

/** A chain of unary functions: one node per column, as deep as it is long. */
function chain(nodes) {
  const f = ['sin', 'cos', 'tanh'];
  let text = 'x';
  for (let k = 0; k < nodes - 1; k++) text = `${f[k % 3]}(${text})`;
  return { name: `chain of ${nodes - 1}`, text, at: 'x:0.7', nodes };
}

/** A random expression tree over four inputs, no subexpression twice (so nothing merges). */
function randomTree(nodes, seed) {
  const rand = prng(seed);
  const inputs = ['x1', 'x2', 'x3', 'x4'];
  const seen = new Set();
  const build = (ops) => {
    if (ops <= 0) return inputs[Math.floor(rand() * inputs.length)];
    for (let tries = 0; tries < 20; tries++) {
      let s;
      if (ops === 1 || rand() < 0.3)
        s = `${['sin', 'cos', 'tanh'][Math.floor(rand() * 3)]}(${build(ops - 1)})`;
      else {
        const left = Math.floor(rand() * (ops - 1));
        s = `(${build(left)} ${['+', '-', '*'][Math.floor(rand() * 3)]} ${build(ops - 1 - left)})`;
      }
      if (!seen.has(s)) {
        seen.add(s);
        return s;
      }
    }
    return `sin(${build(ops - 1)})`;
  };
  let text = build(nodes - inputs.length);
  for (const x of inputs) if (!text.includes(x)) text = `(${text} + ${x})`;
  return { name: `random tree (seed ${seed})`, text, at: 'x1:0.6,x2:1.1,x3:0.9,x4:1.3', nodes };
}

const generated = (n) => [sumOfProducts(n), neuron(n), chain(n), randomTree(n, 7), randomTree(n, 11)];
const linkOf = (e) => `#v=1&f=${encodeURIComponent(e.text)}&at=${e.at}`;

// ── Measuring the page ────────────────────────────────────────────────────────────────────────

/**
 * In the page: every node's label and reached values, checked for presence, size, place and
 * visibility. `want` is { step, total, min, scope: 'all' | 'current', values: 'all' | 'values' }.
 * Returns the failures (strings) and what was seen.
 */
const CHECK = (want) => {
  const failures = [];
  const svg = document.querySelector('svg.graph-canvas');
  const area = svg.getBoundingClientRect();
  const nodes = [...document.querySelectorAll('[data-node]')];
  const ids = nodes.map((g) => g.getAttribute('data-node'));
  const N = nodes.length;
  // Reached values by node: from the table when it renders every row, else from the tour's order.
  // A program's decision rows (data-kind="decision") assign no node: they count as rows, no more.
  const all = document.querySelectorAll('[data-kind][data-step]').length;
  const rows = [...document.querySelectorAll('[data-kind][data-target][data-step]')];
  const reached = new Map(ids.map((id) => [id, new Set()]));
  let adjointKnown = true;
  if (all === want.total) {
    for (const r of rows)
      if (Number(r.dataset.step) <= want.step) reached.get(r.dataset.target)?.add(r.dataset.kind);
  } else {
    ids.forEach((id, i) => {
      if (want.step >= i + 1) reached.get(id).add('primal');
      if (want.step >= N + i + 1) reached.get(id).add('tangent');
      if (want.step === want.total) reached.get(id).add('adjoint');
    });
    adjointKnown = want.step <= 2 * N || want.step === want.total;
  }
  const current = document.querySelector('[aria-current="step"]')?.getAttribute('data-target');
  const focus = new Set(
    nodes
      .filter((g) => /\bis-(current|read)\b/.test(g.getAttribute('class')))
      .map((g) => g.getAttribute('data-node')),
  );
  if (want.step > 0 && current) {
    const marked = nodes
      .find((g) => /\bis-current\b/.test(g.getAttribute('class')))
      ?.getAttribute('data-node');
    if (marked !== current) failures.push(`the graph marks ${marked} as current, the table ${current}`);
  }
  // `overlay`: the focus lens is drawn on the overlay canvas above the graph, which takes no pointer
  // events, so elementFromPoint looks through it: only its size and place are checked.
  const legible = (el, owner, label, min, overlay = false) => {
    const r = el.getBoundingClientRect();
    // Text boxes come out of layout in fractions of a pixel: 10.996 px is 11 px (to 0.05 px).
    if (r.height < min - 0.05) return `${label} is ${r.height.toFixed(2)} px tall (< ${min})`;
    if (
      r.left < area.left - 0.5 ||
      r.right > area.right + 0.5 ||
      r.top < area.top - 0.5 ||
      r.bottom > area.bottom + 0.5
    )
      return `${label} lies outside the graph's canvas`;
    if (overlay) return null;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !owner.contains(hit))
      return `${label} is covered by ${hit?.getAttribute('class') ?? hit?.nodeName}`;
    return null;
  };
  let smallest = Infinity;
  for (const g of nodes) {
    const id = g.getAttribute('data-node');
    const fields = new Map(
      [...g.querySelectorAll('text[data-field]')].map((t) => [t.getAttribute('data-field'), t]),
    );
    const expected = reached.get(id);
    for (const [kind, t] of fields) {
      if (kind !== 'op' && !expected.has(kind) && (kind !== 'adjoint' || adjointKnown))
        failures.push(`${id} shows a ${kind} value the timeline has not reached`);
      if (kind !== 'op') smallest = Math.min(smallest, t.getBoundingClientRect().height);
    }
    const inScope = want.scope === 'all' || focus.has(id);
    if (!inScope) continue;
    // Nodes of the current step may be drawn again, magnified, in the focus lens.
    const lens = document.querySelector(`[data-lens="${CSS.escape(id)}"]`);
    // The `current` node style writes the current sweep's value line only (nodeStyle.ts, lines:
    // 'current'): of the values reached, that one is expected on the node.
    const phaseNow = document.querySelector('[aria-current="step"]')?.getAttribute('data-kind');
    const shownNow = /\bstyle-current\b/.test(svg.getAttribute('class') ?? '')
      ? [...expected].filter((k) => k === (phaseNow === 'decision' ? 'primal' : phaseNow))
      : [...expected];
    const wanted = want.values === 'values' ? shownNow : ['op', ...shownNow];
    for (const kind of wanted) {
      const label = `${id}'s ${kind === 'op' ? 'operation' : `${kind} value`}`;
      const own = fields.get(kind);
      const ownProblem = own ? legible(own, g, label, want.min) : `${label} is missing`;
      if (ownProblem === null) continue;
      const magnified = lens?.querySelector(`text[data-field="${kind}"]`);
      const lensProblem = magnified ? legible(magnified, lens, `${label} (lens)`, want.min, true) : 'no lens';
      if (want.scope === 'current' && lensProblem === null) continue;
      failures.push(ownProblem);
    }
  }
  return { failures, nodes: N, smallest, style: svg.getAttribute('class') };
};

/** Opens `link` at `step` by changing the hash, and waits until the graph stands still. */
async function show(page, link, step) {
  await page.evaluate(
    (hash) => {
      location.hash = hash;
    },
    `${link.replace(/^#/, '')}&step=${step}`,
  );
  await page.waitForFunction(
    (s) => document.querySelector('[aria-current="step"]')?.getAttribute('data-step') === String(s),
    step,
    { timeout: 10_000 },
  );
  // Fit and the camera settle within a few frames; wait until two readings agree.
  let last = '';
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(120);
    const now = await page.evaluate(() =>
      [...document.querySelectorAll('[data-node] text[data-field], [data-lens] text[data-field]')]
        .map((t) => {
          const r = t.getBoundingClientRect();
          return `${r.x.toFixed(1)},${r.y.toFixed(1)},${r.height.toFixed(1)}`;
        })
        .join(';'),
    );
    if (now === last) return;
    last = now;
  }
}

async function totalSteps(page) {
  return Number(await page.locator('input[aria-label="Timeline"]').getAttribute('max'));
}

/** Checks one link at its first, middle and last step; throws with every failure found. */
async function checkLink(page, name, link, want) {
  await show(page, link, 1);
  const total = await totalSteps(page);
  const problems = [];
  const seen = [];
  for (const step of [1, Math.round(total / 2), total]) {
    await show(page, link, step);
    const r = await page.evaluate(CHECK, { ...want, step, total });
    if (want.maxNodes !== undefined)
      assert(r.nodes <= want.maxNodes, `${name} has ${r.nodes} nodes (> ${want.maxNodes})`);
    seen.push(
      `step ${step}: ${r.style.replace('graph-canvas ', '')}, smallest value ${r.smallest.toFixed(1)} px`,
    );
    for (const f of r.failures) problems.push(`${name}, step ${step}/${total}: ${f}`);
  }
  if (problems.length) throw new Error(`${problems.slice(0, 12).join('\n')}\n(${seen.join('; ')})`);
  return seen;
}

/** The gallery's links, read from the page itself by choosing each example in its menu. */
let galleryLinks = null;
async function gallery(newPage) {
  if (galleryLinks) return galleryLinks;
  const page = await newPage();
  await page.goto('/');
  await page.waitForSelector('[data-node]');
  const select = page.getByRole('combobox', { name: 'Examples' });
  const options = await select
    .locator('option')
    .evaluateAll((os) => os.map((o) => ({ value: o.value, title: o.textContent })));
  const links = [];
  for (const o of options.filter((x) => x.value !== '')) {
    await select.selectOption(o.value);
    // The link is written shortly after a change (debounced).
    await page.waitForFunction(() => {
      const f = new URLSearchParams(location.hash.slice(1)).get('f');
      const want = document.querySelector('textarea, input[aria-label="Expression"]')?.value;
      return f !== null && want !== undefined && f === want;
    });
    // The trace table is what the checks read the timeline from: a training example opens the Train
    // tab, so its link is taken with the table's tab (the graph is the same).
    const hash = await page.evaluate(() =>
      location.hash.replace(/&step=\d+/, '').replace(/&view=[a-z]+/, ''),
    );
    const nodes = await page.locator('[data-node]').count();
    links.push({ name: o.title, link: hash, nodes });
  }
  assert(links.length >= 10, `the gallery has ${links.length} examples`);
  galleryLinks = links;
  await page.close();
  return links;
}

async function galleryAt(newPage, width, height) {
  const links = await gallery(newPage);
  const page = await newPage({ viewport: { width, height } });
  await page.goto('/');
  await page.waitForSelector('[data-node]');
  const budget = width >= 1920 ? 40 : 20;
  for (const e of links) {
    const within = e.nodes <= budget;
    await checkLink(
      page,
      `${e.name} (${e.nodes} nodes) at ${width}×${height}`,
      e.link,
      within ? { min: 11, scope: 'all', values: 'all' } : { min: 14, scope: 'current', values: 'all' },
    );
  }
}

async function generatedAt(newPage, width, height, nodes) {
  const page = await newPage({ viewport: { width, height } });
  await page.goto('/');
  await page.waitForSelector('[data-node]');
  for (const e of generated(nodes)) {
    await checkLink(page, `${e.name} at ${width}×${height}`, linkOf(e), {
      min: 11,
      scope: 'all',
      values: 'all',
      maxNodes: nodes,
    });
    // A generator that made a much smaller graph would test nothing.
    const count = await page.locator('[data-node]').count();
    assert(count >= nodes - 4, `${e.name} has ${count} nodes, wanted about ${nodes}`);
  }
}

async function presentationAt(newPage, width, height) {
  const links = await gallery(newPage);
  const small = [
    ...links.filter((e) => e.nodes <= 15),
    // randomTree(14, 5) has 15 nodes: an input the tree left out is added with one more `+`.
    ...[sumOfProducts(15), neuron(15), chain(15), randomTree(14, 5)].map((e) => ({
      name: e.name,
      link: linkOf(e),
    })),
  ];
  assert(small.length >= 10, `${small.length} graphs of up to 15 nodes to present`);
  const page = await newPage({ viewport: { width, height } });
  await page.goto('/#present=1');
  await page.waitForSelector('[data-node]');
  for (const e of small) {
    await checkLink(page, `${e.name}, presenting at ${width}×${height}`, `${e.link}&present=1`, {
      min: 18,
      scope: 'all',
      values: 'values',
      maxNodes: 15,
    });
  }
}

export default [
  {
    name: 'every gallery example at 1280×720: labels and reached values ≥ 11 px, on screen, uncovered',
    timeout: 90_000,
    run: ({ newPage }) => galleryAt(newPage, 1280, 720),
  },
  {
    name: 'every gallery example at 1920×1080: labels and reached values ≥ 11 px, on screen, uncovered',
    timeout: 90_000,
    run: ({ newPage }) => galleryAt(newPage, 1920, 1080),
  },
  {
    name: 'generated 20-node expressions at 1280×720: every label and reached value ≥ 11 px',
    timeout: 90_000,
    run: ({ newPage }) => generatedAt(newPage, 1280, 720, 20),
  },
  {
    name: 'generated 40-node expressions at 1920×1080: every label and reached value ≥ 11 px',
    timeout: 90_000,
    run: ({ newPage }) => generatedAt(newPage, 1920, 1080, 40),
  },
  {
    name: 'presentation at 1280×720: every value of graphs up to 15 nodes ≥ 18 px',
    timeout: 90_000,
    run: ({ newPage }) => presentationAt(newPage, 1280, 720),
  },
  {
    name: 'presentation at 1024×768: every value of graphs up to 15 nodes ≥ 18 px',
    timeout: 90_000,
    run: ({ newPage }) => presentationAt(newPage, 1024, 768),
  },
];
