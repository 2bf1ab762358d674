/**
 * The test object every spec uses: Playwright's, with an `app` page object that records
 * requests and, after each test, asserts the page made none beyond its own files.
 */
import { test as base, expect } from '@playwright/test';
import { HopscopePage } from './hopscope-page';

export const test = base.extend<{ app: HopscopePage }>({
  // auto: every test records requests and asserts them, even one that never names `app`.
  app: [
    async ({ page }, use) => {
      const app = new HopscopePage(page);
      await use(app);
      expect(app.foreignRequests, 'the page requested something outside its own origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
