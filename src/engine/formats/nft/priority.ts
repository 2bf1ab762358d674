/**
 * Base-chain priorities as nft names them (`std_prios` and `bridge_std_prios` in nftables'
 * src/rule.c): a number, a standard name, or a name plus or minus an offset (`dstnat - 10`).
 */
import type { NftFamily, NftPriority } from './types';

/** ip, ip6, inet (and arp/netdev, which only use `filter`): the NF_IP_PRI_* values. */
const STANDARD: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };
/** bridge: the NF_BR_PRI_* values. */
const BRIDGE: Record<string, number> = { dstnat: -300, filter: -200, out: 100, srcnat: 300 };

/** The number a standard priority name stands for in a family, or null. */
export function standardPriority(family: NftFamily, name: string): number | null {
  const table = family === 'bridge' ? BRIDGE : STANDARD;
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name]! : null;
}

function integer(text: string): number | null {
  return /^[-+]?\d{1,10}$/.test(text) ? Number(text) : null;
}

/**
 * Resolves the words after `priority` (up to the `;`): `['-110']`, `['filter']`, `['dstnat', '-', '10']`,
 * `['srcnat', '+', '5']`. `value` is null when a name is not a standard one for the family.
 *
 * @example resolvePriority('ip', ['dstnat', '-', '10']); // { value: -110, text: 'dstnat - 10' }
 */
export function resolvePriority(family: NftFamily, words: string[]): NftPriority {
  const text = words.join(' ');
  const first = words[0] ?? '';
  const base = integer(first) ?? standardPriority(family, first);
  if (base === null) return { value: null, text };
  if (words.length === 1) return { value: base, text };
  const offset = integer(words[2] ?? '');
  if (words.length === 3 && (words[1] === '-' || words[1] === '+') && offset !== null) {
    return { value: words[1] === '-' ? base - offset : base + offset, text };
  }
  return { value: null, text };
}
