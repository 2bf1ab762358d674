/**
 * The test object every spec uses: Playwright's, with an `app` page object that records
 * requests and, after each test, asserts the page made none beyond its own files.
 */
import { test as base, expect } from '@playwright/test';
import { HopscopePage } from './hopscope-page';

export const test = base.extend<{ app: HopscopePage }>({
  app: async ({ page }, use) => {
    const app = new HopscopePage(page);
    await use(app);
    expect(app.foreignRequests, 'the page requested something outside its own origin').toEqual([]);
  },
});

export { expect };
