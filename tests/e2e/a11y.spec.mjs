// Accessibility: axe-core finds no serious or critical violation on the page in its main states.
import { AxeBuilder } from '@axe-core/playwright';

const STATES = [
  ['the paper example mid-way', '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=12'],
  ['the last step', '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=99'],
  ['a syntax error', '#v=1&f=ln(x1)%2B&at=x1:2'],
  ['an invalid value', '#v=1&f=ln(x1)&at=x1:abc'],
  ['a damaged link', '#%E0%A4%A'],
];

const axeTests = STATES.map(([what, hash]) => ({
  name: `axe finds no serious or critical violation: ${what}`,
  run: async ({ newPage }) => {
    const page = await newPage();
    await page.goto(`/${hash}`);
    await page.waitForSelector('.editor');
    await page.waitForTimeout(300);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length > 0) {
      throw new Error(
        bad
          .map(
            (v) =>
              `${v.impact} ${v.id}: ${v.help} at ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
          )
          .join('\n'),
      );
    }
  },
}));

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/**
 * KaTeX's MathML is what a screen reader reads of each formula; it is clipped to a pixel and never
 * seen. The page draws it in the face the visible formula has loaded, without the math font's italic
 * letters (app.css), so that a first layout loads no system math face (issue 13): the formulas must
 * still be in the accessibility tree, with their letters as written.
 */
const mathmlTest = {
  name: "the formulas' MathML stays in the accessibility tree, drawn in the page's own face",
  run: async ({ newPage }) => {
    const page = await newPage();
    await page.goto(`/${STATES[0][1]}`);
    await page.waitForSelector('[data-kind] .katex-mathml mi');
    await page.evaluate(() => document.fonts.ready);
    const typeset = await page.locator('[data-kind] .katex').count();
    const mathml = await page.locator('[data-kind] .katex .katex-mathml math').count();
    assert(typeset > 10 && mathml === typeset, `every typeset row has its MathML (${mathml} of ${typeset})`);

    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const maths = nodes.filter((n) => n.role?.value === 'MathMLMath' && !n.ignored).length;
    assert(maths >= mathml, `the accessibility tree has the formulas (${maths} of ${mathml})`);
    const texts = new Set(
      nodes.filter((n) => n.role?.value === 'StaticText' && !n.ignored).map((n) => n.name?.value),
    );
    for (const letter of ['v', 'x', 'ln', 'sin'])
      assert(texts.has(letter), `it reads "${letter}" as written`);

    // Every glyph of the MathML is drawn from a web font the page loads, none from the system.
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: '.katex-mathml mi, .katex-mathml mo, .katex-mathml mn, .katex-mathml mtext',
    });
    assert(nodeIds.length > 50, `the MathML has its tokens (${nodeIds.length})`);
    const system = new Set();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) if (!f.isCustomFont) system.add(f.familyName);
    }
    assert(system.size === 0, `the MathML draws no glyph from a system face: ${[...system].join(', ')}`);
  },
};

export default [...axeTests, mathmlTest];
