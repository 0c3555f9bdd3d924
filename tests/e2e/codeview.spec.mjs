// The same computation as a program: the Export menu and the link under the results open a code
// view with the JAX, PyTorch or Julia program for the current expression, shown as text and copyable.
const LINK = '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&step=99';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const codeText = (page) => page.locator('.code-view pre code').textContent();

export default [
  {
    name: 'Export → JAX opens the program as text; Copy puts exactly that text on the clipboard',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto(LINK);
      await page.waitForSelector('[data-result="value:y"]');
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: 'The same in JAX (Python)' }).click();
      const dialog = page.getByRole('dialog', { name: 'The same in JAX' });
      await dialog.waitFor();
      await page.waitForSelector('.code-view pre code');
      const code = await codeText(page);
      assert(code.includes('import jax\n'), 'imports jax');
      assert(
        code.includes('def f(x1, x2):\n    y = jnp.log(x1) + x1 * x2 - jnp.sin(x2)'),
        'the function as written',
      );
      assert(code.includes('x = jnp.array([2.0, 5.0])'), 'the current point');
      assert(
        code.trimEnd().endsWith('print("dy/dx2 =", repr(float(jacobian[0][1])))'),
        'ends with the print lines',
      );
      // Plain text: nothing in it became markup.
      assert((await page.locator('.code-view pre code *').count()) === 0, 'the code is a single text node');
      const font = await page.locator('.code-view pre').evaluate((el) => getComputedStyle(el).fontFamily);
      assert(/mono/i.test(font), `monospace (${font})`);
      await screenshot(page, 'codeview-jax-1280');
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByRole('button', { name: 'Copied ✓' }).first().waitFor();
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      assert(clip === code, 'the clipboard holds the program');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    },
  },
  {
    name: '"The same in JAX / PyTorch / Julia" under the results opens the view; the frameworks switch',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      // Two outputs, two inputs (the gallery's last example).
      await page.goto('/#v=1&f=u%3Dx1*x2%2Bsin(x1)%0Aw%3Dexp(x2)-x1%2Fx2&at=x1:1,x2:2&step=99');
      const links = page.locator('.same-in');
      await links.waitFor();
      assert(
        (await links.textContent()).replace(/\s+/g, ' ').includes('The same in JAX / PyTorch / Julia'),
        'the link text',
      );
      await links.getByRole('button', { name: 'Julia' }).click();
      await page.getByRole('dialog', { name: 'The same in Julia' }).waitFor();
      await page.waitForSelector('.code-view pre code[data-format="julia"]');
      let code = await codeText(page);
      assert(code.includes('using ForwardDiff, ReverseDiff'), 'Julia imports');
      assert(
        code.includes('function f(x1, x2)\n    local u, w\n    u = x1 * x2 + sin(x1)\n'),
        'the function',
      );
      assert(code.trimEnd().endsWith('println("dw/dx2 = ", repr(reverse_grads[2][2]))'), 'both outputs');
      await page.getByRole('dialog').getByRole('button', { name: 'PyTorch' }).click();
      await page.waitForSelector('.code-view pre code[data-format="pytorch"]');
      code = await codeText(page);
      assert(code.includes('import torch') && code.includes('    w = torch.exp(x2) - x1 / x2\n'), 'PyTorch');
      await screenshot(page, 'codeview-pytorch-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'codeview-pytorch-390');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
  },
];
