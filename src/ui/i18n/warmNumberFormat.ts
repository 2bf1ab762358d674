/**
 * The first `Intl.NumberFormat` a page makes loads the browser's locale data: 40 ms on an idle
 * machine, over 100 ms on a busy one. Counts are formatted with it (`{{count, number}}`), and the
 * first count shown is a dropped dump's line count, so that cost used to land in the middle of
 * loading a workspace. Paying it while the page is idle after opening keeps it out of there.
 */
import { LANGS } from './languages';

export function warmNumberFormatWhenIdle(): void {
  const warm = () => {
    for (const lang of LANGS) new Intl.NumberFormat(lang).format(1234);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 200);
}
