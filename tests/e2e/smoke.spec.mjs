// The page loads: it has a title, and the runner checks that nothing was logged as an error.
export default [
  {
    name: 'the page loads with a title and no errors',
    run: async ({ baseURL, newPage, screenshot }) => {
      const page = await newPage();
      const response = await page.goto(baseURL, { waitUntil: 'load' });
      if (response === null || !response.ok())
        throw new Error(`GET ${baseURL} answered ${response?.status()}`);
      const title = (await page.title()).trim();
      if (title === '') throw new Error('the page has no <title>');
      const bodyText = (await page.locator('body').innerText()).trim();
      if (bodyText === '') throw new Error('the page is blank');
      await screenshot(page, 'smoke-home');
    },
  },
];
