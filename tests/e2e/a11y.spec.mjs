// Accessibility: axe-core finds no serious or critical violation on the page in its main states.
import { AxeBuilder } from '@axe-core/playwright';

const STATES = [
  ['the paper example mid-way', '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=12'],
  ['the last step', '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=99'],
  ['a syntax error', '#v=1&f=ln(x1)%2B&at=x1:2'],
  ['an invalid value', '#v=1&f=ln(x1)&at=x1:abc'],
  ['a damaged link', '#%E0%A4%A'],
];

export default STATES.map(([what, hash]) => ({
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
