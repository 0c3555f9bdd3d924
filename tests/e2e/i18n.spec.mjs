// 简体中文: chosen by lang= in the link, else by the browser's language, and by the switch in the top
// bar (which writes lang= into the link). Chinese labels, captions, errors and link notices; the
// numbers and formulas stay as they are. Screenshots of each screen in both languages.
const PAPER = '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

async function waitFor(check, message, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a link and waits for the page to be drawn (the trace table, or the chosen panel). */
async function open(page, url, ready = '[data-kind]') {
  await page.goto(url);
  await page.waitForSelector(ready);
}

const text = (page, selector) => page.locator(selector).first().innerText();

/** English UI words that must not be visible on a Chinese page (names, numbers and TeX may be). */
const ENGLISH = [
  'Forward',
  'Reverse',
  'forward',
  'reverse',
  'Step',
  'Speed',
  'Example',
  'Gallery',
  'Export',
  'Copy link',
  'Inputs',
  'Seeds',
  'Tangent',
  'Adjoint',
  'merge',
  'Present',
  'Jacobian',
  'Finite',
  'Symbolic',
  'ready',
  'Press',
  'sweep',
  'Dual',
  'trace',
  'value',
];

/** The visible text of the page without the typeset formulas (KaTeX) and the example expressions. */
async function visibleProse(page) {
  return page.evaluate(() => {
    const root = document.body.cloneNode(true);
    for (const el of root.querySelectorAll('.katex, code, textarea, option, .graph-canvas, noscript'))
      el.remove();
    return root.innerText;
  });
}

async function englishLeft(page) {
  const prose = await visibleProse(page);
  return ENGLISH.filter((w) => new RegExp(`\\b${w}\\b`).test(prose));
}

export default [
  {
    name: 'lang=zh: Chinese labels, captions and a Chinese parse error; numbers as in the paper',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=3&lang=zh`);
      assert((await page.getAttribute('html', 'lang')) === 'zh-Hans', 'html lang is zh-Hans');
      assert((await page.title()).includes('自动微分'), `the title is Chinese: ${await page.title()}`);
      assert((await text(page, '.head-primal')) === '前向原值轨迹', 'the primal heading is Chinese');
      assert(
        (await text(page, '.head-adjoint')).startsWith('反向伴随轨迹'),
        'the adjoint heading is Chinese',
      );
      // Step 3 assigns v1 = ln v−1 = ln 2 = 0.693 (Baydin et al. 2018, Table 2).
      const caption = await text(page, '.caption');
      assert(caption.includes('v1 是 v−1 的自然对数：0.693。'), `the caption is Chinese: ${caption}`);
      assert(caption.startsWith('前向原值'), `the phase is named in Chinese: ${caption}`);
      const tabs = await page.getByRole('tab').allInnerTexts();
      assert(
        JSON.stringify(tabs) === JSON.stringify(['计算轨迹', '雅可比矩阵', '有限差分', '符号微分', '训练']),
        `the tabs are Chinese: ${tabs}`,
      );
      assert(
        (await page.getByRole('button', { name: '前进一步' }).count()) === 1,
        'the step button is named in Chinese',
      );
      const left = await englishLeft(page);
      assert(left.length === 0, `no English left on the page: ${left.join(', ')}`);
      await screenshot(page, 'i18n-zh-paper');

      // A bad expression: the error is Chinese, at the right column, with the text kept.
      const editor = page.getByLabel('Expression', { exact: true });
      await editor.fill('2 +');
      await page.waitForSelector('.editor-error');
      const error = await text(page, '.editor-error');
      assert(error.includes('第 4 列'), `the column is given in Chinese: ${error}`);
      assert(error.includes("'+' 后面需要一个值"), `the parse error is Chinese: ${error}`);
      await screenshot(page, 'i18n-zh-error');
      // A Chinese full-width parenthesis is rejected with a Chinese hint to write ASCII.
      await editor.fill('x（1）');
      await page.waitForFunction(() =>
        document.querySelector('.editor-error')?.textContent?.includes('U+FF08'),
      );
      const fullWidth = await text(page, '.editor-error');
      assert(fullWidth.includes('不允许使用字符 U+FF08：请改写为 ('), `full-width hint: ${fullWidth}`);
      // An input value error.
      await editor.fill('ln(x1) + x1*x2 - sin(x2)');
      await page.getByLabel('x1', { exact: true }).fill('abc');
      await page.waitForSelector('.value-error');
      const valueError = await text(page, '.value-error');
      assert(valueError === 'x1 必须是有限的十进制数，例如 2 或 -0.5', `value error: ${valueError}`);
    },
  },
  {
    name: 'the switch changes the language and writes lang= to the link; the link keeps it',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage({ locale: 'en-US' });
      await open(page, `${PAPER}&step=10`);
      assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is en');
      assert((await text(page, '.head-primal')) === 'Forward primal trace', 'English at first');
      assert(!page.url().includes('lang='), 'no lang= in a link that did not choose one');
      await screenshot(page, 'i18n-en-paper');
      const select = page.getByRole('combobox', { name: 'Language' });
      assert((await select.inputValue()) === 'en', 'the switch shows English');
      await select.selectOption('zh');
      await page.waitForFunction(
        () => document.querySelector('.head-primal')?.textContent === '前向原值轨迹',
      );
      await waitFor(() => page.url().includes('lang=zh'), 'lang=zh in the link');
      assert((await page.getAttribute('html', 'lang')) === 'zh-Hans', 'html lang follows the switch');
      // Step 10 is the tangent of v1: ∂ ln x1 / ∂x1 = 1/2 (Table 2).
      const caption = await text(page, '.caption');
      assert(
        caption.includes('链式法则') && caption.includes('= 0.5。'),
        `Chinese tangent caption: ${caption}`,
      );
      // The switch is still named "Language" for a reader of English.
      assert(
        (await page.getByRole('combobox', { name: /Language/ }).count()) === 1,
        'the switch keeps "Language" in its name',
      );
      // The link restores the language.
      await page.reload();
      await page.waitForSelector('[data-kind]');
      assert((await text(page, '.head-primal')) === '前向原值轨迹', 'the reloaded link is Chinese');
      await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
      await page.waitForFunction(
        () => document.querySelector('.head-primal')?.textContent === 'Forward primal trace',
      );
      await waitFor(() => page.url().includes('lang=en'), 'lang=en in the link');
    },
  },
  {
    name: "without lang= the browser's language decides: zh-CN → Chinese, en-US → English",
    run: async ({ newPage }) => {
      const zh = await newPage({ locale: 'zh-CN' });
      await open(zh, PAPER);
      assert((await text(zh, '.head-primal')) === '前向原值轨迹', 'a Chinese browser gets Chinese');
      assert((await zh.getAttribute('html', 'lang')) === 'zh-Hans', 'html lang is zh-Hans');
      assert(!zh.url().includes('lang='), 'the browser language is not written into the link');
      // A link that chose English stays English in a Chinese browser.
      const en = await newPage({ locale: 'zh-CN' });
      await open(en, `${PAPER}&lang=en`);
      assert((await text(en, '.head-primal')) === 'Forward primal trace', 'lang=en wins over the browser');
      const us = await newPage({ locale: 'en-US' });
      await open(us, PAPER);
      assert((await text(us, '.head-primal')) === 'Forward primal trace', 'an English browser gets English');
    },
  },
  {
    name: 'link notices in Chinese: a newer link, and ignored keys',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage({ locale: 'zh-CN' });
      await open(page, '/#v=99&f=x&step=2');
      const notice = await text(page, '.notice');
      assert(notice.includes('此链接来自更新版本的 Wengert'), `newer link notice: ${notice}`);
      await open(page, `${PAPER}&theme=dark&step=abc&lang=zh`);
      await page.reload();
      await page.waitForSelector('.notice');
      const notices = (await page.locator('.notice').allInnerTexts()).join('\n');
      assert(notices.includes('已忽略未知的链接参数："theme"'), `unknown key notice: ${notices}`);
      assert(notices.includes('已忽略步数 "abc"：它不是整数。'), `step notice: ${notices}`);
      await screenshot(page, 'i18n-zh-notices');
    },
  },
  {
    name: 'every panel in Chinese: Jacobian, finite differences, symbolic, dual numbers, numerics marks',
    timeout: 60_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER}&step=99&lang=zh&view=jacobian`, '.jac-verdict');
      const verdict = await text(page, '.jac-verdict');
      assert(verdict.startsWith('反向模式更省：f 有 2 个输入、1 个输出'), `Jacobian verdict: ${verdict}`);
      let left = await englishLeft(page);
      assert(left.length === 0, `no English in the Jacobian panel: ${left.join(', ')}`);
      await screenshot(page, 'i18n-zh-jacobian');

      await open(page, `${PAPER}&step=99&lang=zh&view=fd`, '.fd-table');
      assert((await text(page, '.fd-row-ad th')).startsWith('自动微分'), 'FD table is Chinese');
      left = await englishLeft(page);
      assert(left.length === 0, `no English in the FD panel: ${left.join(', ')}`);
      await screenshot(page, 'i18n-zh-fd');

      await open(page, `${PAPER}&step=99&lang=zh&view=symbolic`, '.sym-check');
      assert((await text(page, '.sym-check')).includes('两者相同'), 'symbolic check is Chinese');
      left = await englishLeft(page);
      assert(left.length === 0, `no English in the symbolic panel: ${left.join(', ')}`);
      await screenshot(page, 'i18n-zh-symbolic');

      await open(page, `${PAPER}&step=5&lang=zh&dual=1&mode=forward`);
      const dual = await text(page, '.caption');
      assert(dual.includes('在同一步中算出'), `forward-mode caption: ${dual}`);
      await screenshot(page, 'i18n-zh-forward-dual');

      // sqrt at 0: the convention beside the rows, and the first infinite tangent marked on the graph.
      await open(page, '/#v=1&f=sqrt(x)*x&at=x:0&step=99&lang=zh');
      const note = await text(page, '.row-note');
      assert(note.includes("sqrt 在 0 处不可导：sqrt'(0) = +∞"), `row note: ${note}`);
      const tag = await page.locator('.graph-mark text').first().textContent();
      assert(tag === '首个 v̇ = ∞', `the graph tag is Chinese: ${tag}`);
      await open(page, '/#v=1&f=abs(x)*x&at=x:0&step=99&lang=zh');
      // Only the fragment changed: the page answers on hashchange, so wait for the new graph's tag.
      await page
        .waitForFunction(
          () => document.querySelector('.graph-mark text')?.textContent === '约定',
          undefined,
          {
            timeout: 5000,
          },
        )
        .catch(() => {});
      assert((await page.locator('.graph-mark text').first().textContent()) === '约定', 'a convention tag');
      assert(
        (await text(page, '.row-note')).includes("abs 在 0 处不可导：按约定取 abs'(0) = 0"),
        'the abs convention in Chinese',
      );
      await screenshot(page, 'i18n-zh-numerics');

      await open(page, `${PAPER}&lang=zh`);
      await page.getByRole('button', { name: '示例库' }).click();
      await page.waitForSelector('.gallery');
      const gallery = await text(page, '.gallery');
      assert(gallery.includes('Baydin 等（2018），表 2–3'), 'the gallery titles are Chinese');
      assert(gallery.includes('反向传播就是反向模式'), 'the gallery lessons are Chinese');
      await screenshot(page, 'i18n-zh-gallery');
    },
  },
  {
    name: 'the same screens in English, for comparison',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage({ locale: 'en-US' });
      await open(page, `${PAPER}&step=99&view=jacobian`, '.jac-verdict');
      assert((await text(page, '.jac-verdict')).startsWith('Reverse mode is cheaper'), 'English verdict');
      await screenshot(page, 'i18n-en-jacobian');
      await open(page, '/#v=1&f=abs(x)*x&at=x:0&step=99');
      assert((await page.locator('.graph-mark text').first().textContent()) === 'convention', 'English tag');
      await screenshot(page, 'i18n-en-numerics');
    },
  },
];
