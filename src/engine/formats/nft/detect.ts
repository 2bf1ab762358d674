/**
 * Recognises `nft list ruleset` text and `nft -j list ruleset` JSON by shape, for the format
 * detector. The text check reads at most the first 200 non-blank lines; the JSON check the first
 * 4 KiB.
 */

const MAX_LINES = 200;
const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);
const BLOCKS = new Set(['chain', 'set', 'map', 'flowtable', 'counter', 'quota', 'limit']);
/** First words of lines inside chains and sets. */
const BODY_WORDS = new Set([
  'type', 'typeof', 'flags', 'elements', 'policy', 'comment', 'size', 'timeout', 'ip', 'ip6', 'tcp', 'udp', 'th', 'meta', 'ct', 'fib',
  'iifname', 'oifname', 'iif', 'oif', 'mark', 'numgen', 'jump', 'goto', 'accept', 'drop', 'return', 'counter', 'log', 'reject',
  'masquerade', 'snat', 'dnat', 'redirect', 'update', 'add', 'ether', 'vlan', 'arp', 'icmp', 'icmpv6', 'limit', 'notrack', 'xt',
]);

function words(line: string): string[] {
  return line.trim().split(/[ \t]+/, 4);
}

/**
 * A 0..1 score that `lines` are `nft list ruleset` / `nft list table ...` output: near 1 with a
 * `table FAMILY NAME {` line, otherwise the share of lines shaped like chain and set bodies.
 *
 * @example looksLikeNft(['table ip kube-proxy {', '\tchain services {', '\t\tip daddr . meta l4proto . th dport vmap @service-ips', '\t}', '}']); // 0.99
 */
export function looksLikeNft(lines: string[]): number {
  let considered = 0;
  let matched = 0;
  let table = false;
  let braces = 0;
  for (const raw of lines) {
    if (considered >= MAX_LINES) break;
    const line = raw.length > 2000 ? raw.slice(0, 2000) : raw;
    const w = words(line);
    if (w[0] === undefined || w[0] === '') continue;
    considered++;
    const last = line.trimEnd();
    if (w[0] === 'table' && (FAMILIES.has(w[1] ?? '') || w[2] === '{') && last.includes('{')) {
      table = true;
      matched++;
    } else if (BLOCKS.has(w[0]) && (last.endsWith('{') || last.includes('{ # handle'))) {
      braces++;
      matched++;
    } else if (w[0] === '}' && w.length === 1) {
      matched++;
    } else if (w[0].startsWith('# Warning: table') || (w[0] === '#' && w[1] === 'Warning:' && w[2] === 'table')) {
      matched++;
    } else if (/^[ \t]/.test(line) && BODY_WORDS.has(w[0]) && !line.includes(' -j ') && !line.includes('--')) {
      matched++;
    }
  }
  if (considered === 0 || matched === 0 || (!table && braces === 0)) return 0;
  const share = matched / considered;
  return Math.round((table ? 0.9 + 0.09 * share : 0.8 * share) * 100) / 100;
}

/**
 * A 0..1 score that `text` is `nft -j list ...` JSON: an object whose first key is `"nftables"`.
 *
 * @example looksLikeNftJson('{"nftables": [{"metainfo": {"version": "1.0.6"}}]}'); // 0.99
 */
export function looksLikeNftJson(text: string): number {
  const head = text.slice(0, 4096).replace(/^[\s\uFEFF]+/, '');
  if (!head.startsWith('{')) return 0;
  const rest = head.slice(1).trimStart();
  if (rest.startsWith('"nftables"')) return head.includes('"metainfo"') || /"(table|chain|rule|set|map)"\s*:/.test(head) ? 0.99 : 0.9;
  return head.includes('"nftables"') ? 0.6 : 0;
}
