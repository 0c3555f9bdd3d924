// Quiz mode: the student types each value before it is shown; nothing leaks into the page first.
const LINK = '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&quiz=1&step=3';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

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
];
