/** A small page object: how the tests read Hopscope's state from the page (data-testid / data-* only). */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const SCREENSHOTS = 'test-results/screenshots';

export interface HopRow {
  id: string;
  kind: string;
  netns: string;
  iface: string | null;
  hook: string | null;
  table: string | null;
  chain: string | null;
}

export class HopscopePage {
  /** Requests to anything but the app's own origin; the built app should make none. */
  readonly foreignRequests: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (r) => {
      const url = new URL(r.url());
      const port = process.env.HOPSCOPE_E2E_PORT ?? '4173';
      if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(url.host) && url.protocol !== 'data:') this.foreignRequests.push(r.url());
    });
  }

  async open(query: string) {
    await this.page.goto(`/${query}`);
  }

  async waitForTrace() {
    await expect(this.page.getByTestId('hop-details')).toBeVisible();
    await this.waitForEventList();
  }

  /** The event list renders after the rest of the page (a deferred render): wait until it shows the current trace. */
  async waitForEventList() {
    await expect(this.page.getByTestId('event-list-frame')).toHaveAttribute('aria-busy', 'false');
  }

  counter() {
    return this.page.getByTestId('hop-counter');
  }

  async expectHop(n: number, total?: number) {
    await expect(this.counter()).toHaveText(total === undefined ? new RegExp(`^Hop ${n} /`) : `Hop ${n} / ${total}`);
  }

  /** Every hop of the trace as the event list shows it. */
  async rows(): Promise<HopRow[]> {
    await this.waitForEventList();
    return this.page.getByTestId('event-row').evaluateAll((els) =>
      els.map((el) => {
        const d = (el as HTMLElement).dataset;
        return {
          id: d.hopId ?? '',
          kind: d.hopKind ?? '',
          netns: d.netns ?? '',
          iface: d.iface ?? null,
          hook: d.hook ?? null,
          table: d.table ?? null,
          chain: d.chain ?? null,
        };
      }),
    );
  }

  currentHopId() {
    return this.page.getByTestId('hop-details').getAttribute('data-hop-id');
  }

  field(name: string) {
    return this.page.locator(`[data-testid="packet-field"][data-field="${name}"]`);
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  }
}

/**
 * True when `expected` occurs in `actual` in order (not necessarily adjacent): hop sequences
 * are asserted by their landmarks, so a detail added between them does not break the test.
 */
export function indexOfSubsequence<T>(actual: T[], expected: ((x: T) => boolean)[]): number[] | null {
  const found: number[] = [];
  let i = 0;
  for (const match of expected) {
    while (i < actual.length && !match(actual[i]!)) i++;
    if (i === actual.length) return null;
    found.push(i++);
  }
  return found;
}
